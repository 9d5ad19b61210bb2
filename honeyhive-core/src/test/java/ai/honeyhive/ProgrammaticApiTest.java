package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.honeyhive.internal.TraceContext;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tracer used directly, with no AspectJ involved. */
class ProgrammaticApiTest {
  private final InMemoryExporter exporter = new InMemoryExporter();
  private final Tracer tracer = TestTracers.synchronous(exporter);

  @Test
  void traceRunsTheBodyAsANestedEvent() throws Exception {
    String result = tracer.trace(SpanKind.CHAIN, "outer", Map.of("q", "x"), outer ->
        tracer.trace(SpanKind.TOOL, "inner", Map.of("k", 1), inner -> {
          inner.setMetadata("hits", 3);
          return "done";
        }));

    assertThat(result).isEqualTo("done");
    BatchRequest batch = exporter.batches().get(0);
    Event outer = batch.events().get(0);
    Event inner = batch.events().get(1);
    assertThat(outer.eventName()).isEqualTo("outer");
    assertThat(outer.childrenIds()).containsExactly(inner.eventId());
    assertThat(inner.parentId()).isEqualTo(outer.eventId());
    assertThat(inner.metadata()).containsEntry("hits", 3);
    assertThat(outer.outputs()).containsEntry("result", "done");
    assertThat(TraceContext.current()).isNull();
  }

  @Test
  void traceRethrowsTheSameCheckedException() {
    IOException failure = new IOException("io");
    Throwable thrown = catchThrowable(() -> tracer.trace(SpanKind.TOOL, "t", Map.of(), span -> {
      throw failure;
    }));
    assertThat(thrown).isSameAs(failure);
    assertThat(exporter.events().get(0).error()).isEqualTo("java.io.IOException: io");
  }

  @Test
  void startEventAndEndByHand() {
    try (Span span = tracer.startSpan(SpanKind.MODEL, "call")) {
      span.setInput("prompt", "hi").setConfig("model", "m").setOutput(Map.of("content", "yo"));
      assertThat(Context.current().spanId()).contains(span.spanId());
    }
    Event e = exporter.events().get(0);
    assertThat(e.eventType()).isEqualTo(EventType.MODEL);
    assertThat(e.outputs()).containsEntry("content", "yo");
    assertThat(e.config()).containsEntry("model", "m");
    assertThat(Context.current().spanId()).isEmpty();
  }

  @Test
  void anUnendedInnerSpanIsAbandonedWhenItsParentEnds() {
    Span outer = tracer.startSpan(SpanKind.CHAIN, "outer");
    tracer.startSpan(SpanKind.TOOL, "never-ended");
    outer.end();
    assertThat(TraceContext.current()).isNull();
    assertThat(exporter.batches()).as("the session waits for its open event").isEmpty();
  }

  @Test
  void aDisabledTracerHandsOutNoopSpans() {
    tracer.setEnabled(false);
    Span span = tracer.startSpan(SpanKind.TOOL, "x");
    span.setInput("a", 1).end();
    assertThat(TraceContext.current()).isNull();
    assertThat(exporter.batches()).isEmpty();
  }
}
