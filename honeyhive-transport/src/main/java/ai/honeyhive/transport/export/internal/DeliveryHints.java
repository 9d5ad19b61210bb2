package ai.honeyhive.transport.export.internal;

import ai.honeyhive.transport.export.EventExporter;
import java.time.Duration;

/**
 * What the batching processor asks of an exporter beyond {@link EventExporter}: how many calls it
 * may keep outstanding, whether each batch wants a call of its own, the time left at exit and how
 * many requests were retried. The HTTP exporter and the composite implement it; an exporter that
 * does not gets the defaults. Kept off {@link EventExporter} so that a user's exporter implements
 * three methods, not seven. Not public API.
 */
public interface DeliveryHints {
  DeliveryHints DEFAULTS = new DeliveryHints() {};

  /** The hints of {@code exporter}, or the defaults if it has none. */
  static DeliveryHints of(EventExporter exporter) {
    return exporter instanceof DeliveryHints h ? h : DEFAULTS;
  }

  /**
   * How many {@link EventExporter#export} calls may be outstanding at once; each is independent
   * (one request, for the HTTP exporter). Default 1.
   */
  default int maxConcurrentExports() {
    return 1;
  }

  /**
   * Whether each batch should come in its own {@link EventExporter#export} call (true for an
   * exporter that makes one request per batch, so that a processor's slots count requests); false
   * when an exporter takes many sessions per call, as the HTTP exporter does in its default form.
   * Default false.
   */
  default boolean oneBatchPerCall() {
    return false;
  }

  /**
   * Says that everything still to do must be done within {@code budget} from now (the
   * application is exiting): an exporter cuts requests early enough to try them once more within
   * it, and waits no longer than it allows. Default: nothing to adjust.
   */
  default void finishWithin(Duration budget) {}

  /** How many requests this exporter has sent again after a failed attempt; 0 if it never retries. */
  default long retryCount() {
    return 0;
  }
}
