package ai.honeyhive;

import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.transport.export.EventExporter;

/** Tracers for tests: no environment, no console or file, each session exported before the traced call returns. */
public final class TestTracers {
  private TestTracers() {}

  public static HoneyHiveConfig config() {
    return HoneyHiveConfig.builder().project("p").build();
  }

  /** Nothing printed, no file written. */
  public static TracerSettings settings() {
    return TracerSettings.builder().exportConsole(false).exportFile(null).build();
  }

  public static Tracer synchronous(EventExporter exporter) {
    return Tracer.builder().config(config()).settings(settings()).synchronousExporter(exporter).build();
  }
}
