package ai.honeyhive.benchmarks;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The comparison: the OpenTelemetry SDK as it is usually set up, a tracer provider with a
 * {@link BatchSpanProcessor} (default queue and batch sizes), exporting into an exporter that
 * discards.
 */
final class OpenTelemetrySdk {
  /**
   * Its processor logs a warning (through java.util.logging) each time its queue overflowed, which
   * it does when spans come faster than its worker takes them; a benchmark does that on purpose.
   * Held here so that the logger, and so its level, is not collected.
   */
  private static final Logger PROCESSOR_LOG = Logger.getLogger(BatchSpanProcessor.class.getName());

  static {
    PROCESSOR_LOG.setLevel(Level.OFF);
  }

  final SdkTracerProvider provider;
  final Tracer tracer;

  OpenTelemetrySdk() {
    provider = SdkTracerProvider.builder()
        .addSpanProcessor(BatchSpanProcessor.builder(new DiscardingSpanExporter()).build())
        .build();
    tracer = provider.get("ai.honeyhive.benchmarks");
  }

  void shutdown() {
    provider.shutdown().join(10, TimeUnit.SECONDS);
  }

  private static final class DiscardingSpanExporter implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
