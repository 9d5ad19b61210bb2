package ai.honeyhive.benchmarks;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Tracer;
import ai.honeyhive.TracerSettings;
import ai.honeyhive.TracerSettingsBuilder;
import ai.honeyhive.internal.TracerRuntimes;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.transport.export.internal.BatchingSessionProcessor;
import ai.honeyhive.transport.export.EventExporter;
import java.net.URI;
import java.time.Duration;

/**
 * The process-wide tracers the benchmarks install: configured from nothing but what is set here
 * (never the machine's environment), with the batching processor production uses.
 */
final class BenchmarkTracers {
  private BenchmarkTracers() {}

  static HoneyHiveConfig config() {
    return HoneyHiveConfig.builder()
        .project("benchmarks")
        .source("jmh")
        .build();
  }

  static TracerSettingsBuilder settings() {
    return TracerSettings.builder().exportConsole(false);
  }

  /** Tracing switched off: woven methods must cost (nearly) what unwoven ones do. */
  static Tracer installDisabled() {
    return HoneyHive.install(Tracer.builder()
        .config(config()).settings(settings().tracingEnabled(false).build())
        .exporter(EventExporter.noop())
        .build());
  }

  /**
   * Tracing on, sessions queued to the batching processor and handed from its worker to an
   * exporter that discards them: OpenTelemetry's BatchSpanProcessor set-up, with its queue and
   * batch sizes (2,048 and 512). Unpaced, both producers outrun their workers and both queues stay
   * full; our default queue (20,000 events) would then hold ten times what OpenTelemetry's does,
   * and the pair would measure the garbage collector copying it rather than the traced call
   * ({@code -Dbenchmarks.defaultQueue=true} measures that set-up instead).
   */
  static Tracer installDiscarding() {
    BatchingSessionProcessor.Builder processor = BatchingSessionProcessor.builder(EventExporter.noop());
    if (!Boolean.getBoolean("benchmarks.defaultQueue")) {
      processor.queueCapacity(2_048).maxBatchEvents(512);
    }
    return HoneyHive.install(TracerRuntimes.withProcessor(Tracer.builder()
        .config(config()).settings(settings().tracingEnabled(true).build()), processor.build())
        .build());
  }

  /**
   * Tracing on, configured as for the API (batching processor and HTTP exporter at their default
   * settings) but sending to {@code apiUrl}.
   */
  static Tracer installHttp(URI apiUrl) {
    return HoneyHive.install(Tracer.builder()
        .config(config().toBuilder().apiKey("benchmark-key").apiUrl(apiUrl.toString()).build())
        .settings(settings().tracingEnabled(true).exportFile(null).build())
        .build());
  }

  static void shutdown(Tracer tracer) {
    tracer.shutdown(Duration.ofSeconds(10));
  }
}
