package ai.honeyhive.transport.export;

/**
 * What became of the events handed to a {@link SessionProcessor}, counted since it was created.
 *
 * <p>Every event offered ends up in exactly one place: dropped because the queue was full,
 * dropped because the processor was shut down, or {@code queued}; a queued event is later
 * either {@code sent} or {@code failed}, and until then it is {@link #pending()}.
 *
 * @param queued events accepted into the queue
 * @param sent events the exporter delivered
 * @param droppedQueueFull events dropped because the queue was full
 * @param droppedAfterShutdown events that arrived after shutdown and were dropped
 * @param failed queued events given up on for good: retries exhausted, rejected by the API, or
 *     still unsent when shutdown's time ran out
 * @param retries requests the exporter sent again after a failed attempt
 */
public record ExportStats(
    long queued,
    long sent,
    long droppedQueueFull,
    long droppedAfterShutdown,
    long failed,
    long retries) {

  /** Nothing counted. */
  public static final ExportStats EMPTY = new ExportStats(0, 0, 0, 0, 0, 0);

  /** Events queued but neither sent nor failed yet. */
  public long pending() {
    return Math.max(0, queued - sent - failed);
  }

  /** Events that will never be delivered: dropped or failed. */
  public long lost() {
    return droppedQueueFull + droppedAfterShutdown + failed;
  }

  /** One line for logs, e.g. {@code sent 40 of 42 events; lost 2 (queue full 2, ...)}. */
  public String summary() {
    return "sent " + sent + " of " + (queued + droppedQueueFull + droppedAfterShutdown)
        + " events; lost " + lost() + " (dropped, queue full: " + droppedQueueFull
        + "; dropped after shutdown: " + droppedAfterShutdown + "; failed: " + failed
        + "); pending " + pending() + "; retries " + retries;
  }
}
