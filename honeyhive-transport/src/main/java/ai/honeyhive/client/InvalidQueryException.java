package ai.honeyhive.client;

/** A query was built with a missing or invalid part; the message says what to fix. Nothing was sent. */
public final class InvalidQueryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidQueryException(String message) {
    super(message);
  }
}
