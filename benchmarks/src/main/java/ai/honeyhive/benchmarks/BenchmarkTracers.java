package ai.honeyhive.benchmarks;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Tracer;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.transport.export.EventExporter;
import java.time.Duration;
import java.util.Map;

/**
 * The process-wide tracers the benchmarks install: configured from nothing but what is set here
 * (never the machine's environment), exporting into an exporter that discards.
 */
final class BenchmarkTracers {
  private BenchmarkTracers() {}

  static HoneyHiveConfig.Builder config() {
    return HoneyHiveConfig.builder(Map.of(), Map.of())
        .project("benchmarks")
        .source("jmh")
        .exportConsole(false);
  }

  /** Tracing switched off: woven methods must cost (nearly) what unwoven ones do. */
  static Tracer installDisabled() {
    return HoneyHive.install(Tracer.builder()
        .config(config().tracingEnabled(false).build())
        .exporter(EventExporter.noop())
        .build());
  }

  /** Tracing on, every session handed to an exporter that discards it. */
  static Tracer installDiscarding() {
    return HoneyHive.install(Tracer.builder()
        .config(config().tracingEnabled(true).build())
        .exporter(EventExporter.noop())
        .build());
  }

  static void shutdown(Tracer tracer) {
    tracer.shutdown(Duration.ofSeconds(10));
  }
}
