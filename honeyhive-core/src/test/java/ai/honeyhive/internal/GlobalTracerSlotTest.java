package ai.honeyhive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.SpanKind;
import ai.honeyhive.Tracer;
import ai.honeyhive.transport.export.InMemoryExporter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

@Isolated   // it swaps the process-wide tracer
class GlobalTracerSlotTest {
  @Test
  void swappingInstallsForTheAnnotationsAndLeavesTheReplacedTracerRunning() {
    InMemoryExporter firstExports = new InMemoryExporter();
    Tracer first = Tracer.builder().exporter(firstExports).build();
    Tracer second = Tracer.builder().exporter(new InMemoryExporter()).build();
    Tracer before = GlobalTracerSlot.swap(first);
    try {
      assertThat(GlobalTracerSlot.swap(second)).isSameAs(first);
      assertThat(HoneyHive.tracer()).isSameAs(second);
      assertThat(GlobalTracerSlot.current()).isSameAs(second);

      // not retired, as HoneyHive.install would have done: it still records and delivers
      first.trace(SpanKind.TOOL, "after-swap", Map.of(), span -> "ok");
      assertThat(first.flush(Duration.ofSeconds(5))).isTrue();
      assertThat(firstExports.events()).extracting(e -> e.eventName()).contains("after-swap");
    } finally {
      GlobalTracerSlot.swap(before);
    }
    assertThat(GlobalTracerSlot.current()).isSameAs(before);
  }
}
