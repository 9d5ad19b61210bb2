package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.honeyhive.internal.TraceContext;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.Event;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Tracer.trace with bodies that return futures, without AspectJ. */
class ProgrammaticAsyncTest {
  private final InMemoryExporter exporter = new InMemoryExporter();
  private final Tracer tracer = TestTracers.synchronous(exporter);

  @Test
  void traceOfAFutureEndsWhenTheFutureCompletes() {
    CompletableFuture<String> pending = new CompletableFuture<>();
    CompletableFuture<String> returned = tracer.trace(SpanKind.MODEL, "call", Map.of("p", 1), span -> pending);

    assertThat(returned).isSameAs(pending);
    assertThat(TraceContext.current()).isNull();
    assertThat(exporter.batches()).isEmpty();
    pending.complete("text");
    Event e = exporter.events().get(0);
    assertThat(e.outputs()).containsEntry("result", "text");
    assertThat(e.inputs()).containsEntry("p", 1);
  }

  @Test
  void traceOfAFailingFutureRecordsTheUnwrappedCause() {
    CompletableFuture<String> failed = CompletableFuture.supplyAsync(() -> {
      throw new IllegalArgumentException("bad prompt");
    });
    CompletableFuture<String> returned = tracer.trace(SpanKind.MODEL, "call", Map.of(), span -> failed);
    assertThat(catchThrowable(returned::join)).isInstanceOf(CompletionException.class);
    // the failure may land just after join() returns, on the pool thread that failed it
    org.awaitility.Awaitility.await().until(() -> !exporter.batches().isEmpty());
    assertThat(exporter.events().get(0).error()).isEqualTo("java.lang.IllegalArgumentException: bad prompt");
  }

  @Test
  void anOutputSetInTheBodyWinsOverTheReturnValue() {
    tracer.trace(SpanKind.TOOL, "t", Map.of(), span -> {
      span.setOutput(Map.of("shown", true));
      return "hidden";
    });
    assertThat(exporter.events().get(0).outputs()).containsExactly(Map.entry("shown", true));
  }
}
