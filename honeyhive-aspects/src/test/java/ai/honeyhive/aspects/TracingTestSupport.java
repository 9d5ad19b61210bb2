package ai.honeyhive.aspects;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Tracer;
import ai.honeyhive.TracerSettings;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Installs a tracer that exports synchronously into memory, and checks trees. */
final class TracingTestSupport {
  private TracingTestSupport() {}

  static HoneyHiveConfig testConfig() {
    return HoneyHiveConfig.builder()
        .project("test-project")
        .source("test")
        .build();
  }

  /** Nothing printed, no file written. */
  static TracerSettings testSettings() {
    return TracerSettings.builder().exportConsole(false).exportFile(null).build();
  }

  static InMemoryExporter installInMemoryTracer() {
    InMemoryExporter exporter = new InMemoryExporter();
    HoneyHive.install(Tracer.builder().config(testConfig()).settings(testSettings()).synchronousExporter(exporter).build());
    return exporter;
  }

  static Event byName(BatchRequest batch, String name) {
    return batch.events().stream()
        .filter(e -> e.eventName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no event named " + name + " in " + batch));
  }

  static Optional<Event> byId(BatchRequest batch, String id) {
    return batch.events().stream().filter(e -> e.eventId().equals(id)).findFirst();
  }

  /**
   * Checks that the batch is one well-formed tree: one session id everywhere, unique ids, every
   * parent is the session or an event of the batch, and children_ids mirror parent_id exactly.
   */
  static void assertConsistentTree(BatchRequest batch) {
    String sessionId = batch.sessionProperties().sessionId();
    assertThat(batch.isSingleSession()).isTrue();
    Map<String, Event> ids = new HashMap<>();
    for (Event e : batch.events()) {
      assertThat(e.sessionId()).as("session of %s", e.eventName()).isEqualTo(sessionId);
      assertThat(ids.put(e.eventId(), e)).as("duplicate id %s", e.eventId()).isNull();
    }
    for (Event e : batch.events()) {
      if (!e.parentId().equals(sessionId)) {
        Event parent = ids.get(e.parentId());
        assertThat(parent).as("parent of %s", e.eventName()).isNotNull();
        assertThat(parent.childrenIds()).contains(e.eventId());
      }
      for (String child : e.childrenIds()) {
        assertThat(ids.get(child)).as("child %s of %s", child, e.eventName()).isNotNull();
        assertThat(ids.get(child).parentId()).isEqualTo(e.eventId());
      }
      assertThat(e.childrenIds()).doesNotHaveDuplicates();
    }
  }

  static List<String> names(List<Event> events) {
    return events.stream().map(Event::eventName).toList();
  }
}
