package ai.honeyhive.transport.export;

/**
 * An exporter gave up on some of the events of one {@link EventExporter#export} call for good.
 * Exporters complete their future with it to say how many; any other failure means all of them.
 */
public final class ExportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int failedEvents;
  private final int rejectedEvents;

  public ExportException(String message, int failedEvents) {
    this(message, failedEvents, 0);
  }

  /**
   * {@code rejectedEvents} of the {@code failedEvents} were not sent, or not accepted, because
   * the API rejected the key (401/403); they are counted apart from other failures.
   */
  public ExportException(String message, int failedEvents, int rejectedEvents) {
    super(message, null, false, false);
    if (failedEvents < 0 || rejectedEvents < 0 || rejectedEvents > failedEvents) {
      throw new IllegalArgumentException("need 0 <= rejectedEvents (" + rejectedEvents
          + ") <= failedEvents (" + failedEvents + ")");
    }
    this.failedEvents = failedEvents;
    this.rejectedEvents = rejectedEvents;
  }

  /** Of {@link #failedEvents()}, how many were dropped because the API rejected the key. */
  public int rejectedEvents() {
    return rejectedEvents;
  }

  /** How many events of the call were not delivered. */
  public int failedEvents() {
    return failedEvents;
  }
}
