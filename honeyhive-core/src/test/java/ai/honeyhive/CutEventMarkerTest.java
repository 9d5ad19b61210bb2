package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An event exported as it stood (shutdown, a session limit) says so, whatever the event size
 * limit had to drop from it to fit: {@code metadata.honeyhive_incomplete} is the library's own
 * marker, like {@code honeyhive_truncated}, not a value of the user's.
 */
@Timeout(60)
class CutEventMarkerTest {
  private final InMemoryExporter exporter = new InMemoryExporter();
  private final Tracer tracer = TestTracers.synchronous(exporter);

  @Test
  void aSpanCutAtShutdownIsMarkedIncompleteEvenWhenItsChildrenFillItsSizeLimit() {
    Span parent = tracer.startSpan(SpanKind.CHAIN, "open parent");
    for (int i = 0; i < 8_000; i++) {   // 8,000 children ids alone take more than the default 256 KiB
      tracer.trace(SpanKind.TOOL, "child", Map.of(), s -> "ok");
    }

    tracer.shutdown(Duration.ofMillis(200));

    List<Event> cut = exporter.events().stream().filter(e -> e.eventId().equals(parent.spanId())).toList();
    assertThat(cut).as("the open parent, exported as it stood").hasSize(1);
    assertThat(cut.get(0).metadata()).containsEntry("honeyhive_incomplete", true);
    parent.end();
  }
}
