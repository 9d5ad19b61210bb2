package ai.honeyhive.spring.internal;

import ai.honeyhive.Tracer;
import ai.honeyhive.transport.export.ExportStats;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether traces are reaching HoneyHive: DOWN once the API rejected the key (401/403), or exports
 * failed for good, with nothing sent in between; it stays DOWN until an export succeeds again (a
 * key that is wrong stays wrong however long nothing is traced); UP otherwise. The counts are in the details. Reads the tracer's counters only:
 * no request to HoneyHive is made for it. Not public API.
 */
public final class ExportHealthIndicator extends AbstractHealthIndicator {
  private final Tracer tracer;
  private ExportStats previous = ExportStats.EMPTY;
  private String downReason;

  public ExportHealthIndicator(Tracer tracer) {
    super("HoneyHive export health check failed");
    this.tracer = tracer;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    ExportStats now = tracer.exportStats();
    String reason;
    synchronized (this) {
      ExportStats before = previous;
      previous = now;
      if (now.sent() > before.sent()) {
        downReason = null;
      } else if (now.rejected() > before.rejected()) {
        downReason = "HoneyHive rejected the API key (401/403): check honeyhive.api.key / HH_API_KEY and the project";
      } else if (now.failed() > before.failed()) {
        downReason = "exports to HoneyHive are failing: see the log for the cause";
      }
      reason = downReason;
    }
    if (reason != null) {
      builder.down().withDetail("reason", reason);
    } else {
      builder.up();
    }
    builder.withDetail("sent", now.sent()).withDetail("failed", now.failed())
        .withDetail("rejected", now.rejected()).withDetail("pending", now.pending())
        .withDetail("dropped", now.droppedQueueFull() + now.droppedAfterShutdown());
  }
}
