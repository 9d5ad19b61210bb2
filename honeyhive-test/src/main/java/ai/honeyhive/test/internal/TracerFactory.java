package ai.honeyhive.test.internal;

import ai.honeyhive.Tracer;
import ai.honeyhive.TracerBuilder;
import ai.honeyhive.TracerSettings;
import ai.honeyhive.transport.export.EventExporter;
import java.util.function.UnaryOperator;

/**
 * Every call the kit makes into the tracer's builder, in one place: a tracer that exports each
 * session synchronously, as it completes, to {@code exporter}.
 */
public final class TracerFactory {
  private TracerFactory() {}

  public static Tracer recordingTracer(UnaryOperator<TracerBuilder> customizer, EventExporter exporter) {
    // the defaults alone: no API key, no console, no file, whatever the environment says
    TracerBuilder b = Tracer.builder().settings(TracerSettings.builder().tracingEnabled(true).build());
    b = customizer.apply(b);
    return b.synchronousExporter(exporter).build();
  }
}
