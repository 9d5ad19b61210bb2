package ai.honeyhive.langchain4j;

import ai.honeyhive.test.OpenAiStandIn;
import ai.honeyhive.test.RecordedTraces;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What this module's model tests share: a fresh OpenAI stand-in per test, and the events the
 * test's tracer recorded. A subclass's own {@code @BeforeEach} runs after the stand-in is up, and
 * its {@code @AfterEach} before the stand-in is closed.
 */
abstract class AgainstOpenAiStandIn {
  OpenAiStandIn stub;
  RecordedTraces traces;

  @BeforeEach
  final void startStandIn(RecordedTraces traces) {
    this.traces = traces;
    stub = OpenAiStandIn.start();
  }

  @AfterEach
  final void stopStandIn() {
    stub.close();
  }

  /** The events recorded, sessions' own left out. */
  List<Event> events() {
    return traces.events().stream().filter(e -> e.eventType() != EventType.SESSION).toList();
  }

  List<Event> ofType(EventType type) {
    return events().stream().filter(e -> e.eventType() == type).toList();
  }
}
