package ai.honeyhive.client;

import java.util.Optional;

/**
 * A call to the HoneyHive API failed: the API answered with an error status, or (with
 * {@link #status()} 0) no answer came, after the retries allowed. The message names the request,
 * the status and the server's message; it never contains the API key.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String serverMessage;
  private final String request;

  ApiException(String request, int status, String serverMessage, String message, Throwable cause) {
    super(message, cause);
    this.request = request;
    this.status = status;
    this.serverMessage = serverMessage;
  }

  /** The HTTP status, or 0 when no response was received. */
  public int status() {
    return status;
  }

  /** What the server said about the failure, if anything. */
  public Optional<String> serverMessage() {
    return Optional.ofNullable(serverMessage);
  }

  /** The request that failed, e.g. {@code POST /events/export}. */
  public String request() {
    return request;
  }
}
