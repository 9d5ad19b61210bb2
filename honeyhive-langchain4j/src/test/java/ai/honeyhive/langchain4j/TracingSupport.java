package ai.honeyhive.langchain4j;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Tracer;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import java.util.List;

/** Installs a tracer that exports each session to memory as it completes; puts a switched-off one back after. */
final class TracingSupport {
  final InMemoryExporter exporter = new InMemoryExporter();
  final Tracer tracer;

  TracingSupport() {
    HoneyHiveConfig config = HoneyHiveConfig.builder().project("p").exportConsole(false).exportFile(null).build();
    tracer = HoneyHive.install(Tracer.builder().config(config).synchronousExporter(exporter).build());
  }

  /** The events exported, sessions' own events left out. */
  List<Event> events() {
    return exporter.events().stream().filter(e -> e.eventType() != EventType.SESSION).toList();
  }

  List<Event> ofType(EventType type) {
    return events().stream().filter(e -> e.eventType() == type).toList();
  }

  void restore() {
    HoneyHive.install(Tracer.builder()
        .config(HoneyHiveConfig.builder().tracingEnabled(false).exportConsole(false).exportFile(null).build())
        .synchronousExporter(new InMemoryExporter())
        .build());
  }
}
