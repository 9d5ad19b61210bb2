package ai.honeyhive.transport.export;

/**
 * What became of the events handed to a tracer's export worker, counted since the tracer was created.
 *
 * <p>Every event offered ends up in exactly one place: dropped because the queue was full,
 * dropped because the processor was shut down, or {@code queued}; a queued event is later
 * {@code sent}, {@code failed} or {@code rejected}, and until then it is {@link #pending()}.
 *
 * @param queued events accepted into the queue
 * @param sent events the exporter delivered
 * @param droppedQueueFull events dropped because the queue was full (its event or byte limit)
 * @param droppedAfterShutdown events that arrived after shutdown and were dropped
 * @param failed queued events given up on for good: retries exhausted, refused by the API (a 4xx
 *     other than 401/403), or still unsent when shutdown's time ran out
 * @param rejected queued events dropped because the API rejected the key (401/403): sent in a
 *     request it refused, or not sent at all while sending was paused for that
 * @param retries requests the exporter sent again after a failed attempt
 */
public record ExportStats(
    long queued,
    long sent,
    long droppedQueueFull,
    long droppedAfterShutdown,
    long failed,
    long rejected,
    long retries) {

  /** Nothing counted. */
  public static final ExportStats EMPTY = new ExportStats(0, 0, 0, 0, 0, 0, 0);

  /** The counts of a processor that never sees a rejected key. */
  public ExportStats(long queued, long sent, long droppedQueueFull, long droppedAfterShutdown, long failed,
      long retries) {
    this(queued, sent, droppedQueueFull, droppedAfterShutdown, failed, 0, retries);
  }

  /** Events queued but neither sent, failed nor rejected yet. */
  public long pending() {
    return Math.max(0, queued - sent - failed - rejected);
  }

  /** Events that will never be delivered: dropped, failed or rejected. */
  public long lost() {
    return droppedQueueFull + droppedAfterShutdown + failed + rejected;
  }

  /** One line for logs, e.g. {@code sent 40 of 42 events; lost 2 (queue full 2, ...)}. */
  public String summary() {
    return "sent " + sent + " of " + (queued + droppedQueueFull + droppedAfterShutdown)
        + " events; lost " + lost() + " (dropped, queue full: " + droppedQueueFull
        + "; dropped after shutdown: " + droppedAfterShutdown + "; failed: " + failed
        + "; rejected key: " + rejected + "); pending " + pending() + "; retries " + retries;
  }
}
