package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.internal.TraceContext;
import ai.honeyhive.transport.export.InMemoryExporter;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The library's own failures around a traced body never reach the caller or leave context behind. */
class TraceGuardsTest {
  private final InMemoryExporter exporter = new InMemoryExporter();
  private final Tracer tracer = TestTracers.synchronous(exporter);

  @Test
  void inputsThatCannotBeReadDoNotStopTheBody() {
    Map<String, Object> broken = new AbstractMap<>() {
      @Override
      public Set<Entry<String, Object>> entrySet() {
        throw new java.util.ConcurrentModificationException("changed under us");
      }
    };
    String result = tracer.trace(SpanKind.TOOL, "t", broken, span -> "ran");

    assertThat(result).isEqualTo("ran");
    assertThat(TraceContext.current()).isNull();
    assertThat(exporter.events()).hasSize(1);
    assertThat(tracer.internalErrorCount()).isEqualTo(1);
  }

  @Test
  void flushAndShutdownAcceptTimeoutsTooLongForNanoseconds() {
    tracer.trace(SpanKind.TOOL, "t", Map.of(), span -> "x");
    assertThat(tracer.flush(ChronoUnit.FOREVER.getDuration())).isTrue();
    assertThat(tracer.shutdown(ChronoUnit.FOREVER.getDuration())).isTrue();
  }
}
