package ai.honeyhive.transport.export;

/**
 * An exporter gave up on some of the events of one {@link EventExporter#export} call for good.
 * Exporters complete their future with it to say how many; any other failure means all of them.
 */
public final class ExportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int failedEvents;

  public ExportException(String message, int failedEvents) {
    super(message, null, false, false);
    if (failedEvents < 0) {
      throw new IllegalArgumentException("failedEvents must not be negative: " + failedEvents);
    }
    this.failedEvents = failedEvents;
  }

  /** How many events of the call were not delivered. */
  public int failedEvents() {
    return failedEvents;
  }
}
