package ai.honeyhive.spring.internal;

import ai.honeyhive.Tracer;
import ai.honeyhive.transport.export.ExportStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToLongFunction;

/**
 * The tracer's {@link ExportStats} as Micrometer meters, read when the registry is scraped:
 * {@code honeyhive.export.events} by {@code outcome} (queued, sent, failed, rejected,
 * dropped.queue_full, dropped.after_shutdown), {@code honeyhive.export.retries} and the gauge
 * {@code honeyhive.export.pending}. Nothing is counted on the traced calls' path. Not public API.
 */
public final class ExportMeters implements MeterBinder {
  private final Tracer tracer;

  public ExportMeters(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    events(registry, "queued", ExportStats::queued, "events accepted into the export queue");
    events(registry, "sent", ExportStats::sent, "events HoneyHive accepted");
    events(registry, "failed", ExportStats::failed, "events given up on: retries exhausted, refused, or unsent at shutdown");
    events(registry, "rejected", ExportStats::rejected, "events dropped because the API rejected the key (401/403)");
    events(registry, "dropped.queue_full", ExportStats::droppedQueueFull, "events dropped because the queue was full");
    events(registry, "dropped.after_shutdown", ExportStats::droppedAfterShutdown,
        "events that arrived after shutdown");
    FunctionCounter.builder("honeyhive.export.retries", tracer, t -> stats(t).retries())
        .description("export requests sent again after a failed attempt").register(registry);
    Gauge.builder("honeyhive.export.pending", tracer, t -> stats(t).pending())
        .description("events queued and not yet sent, failed or rejected").register(registry);
  }

  private void events(MeterRegistry registry, String outcome, ToLongFunction<ExportStats> count, String description) {
    FunctionCounter.builder("honeyhive.export.events", tracer, t -> count.applyAsLong(stats(t)))
        .tag("outcome", outcome).description(description).baseUnit("events").register(registry);
  }

  private static ExportStats stats(Tracer t) {
    return t.exportStats();   // never throws: the tracer contains its own failures
  }
}
