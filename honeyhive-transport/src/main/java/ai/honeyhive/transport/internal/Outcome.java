package ai.honeyhive.transport.internal;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;

/**
 * What one attempt at a request came to, read the same way by the exporter and the read client:
 * the {@link ApiResponse.Verdict} of the status, or {@code RETRY} when no response came (a network
 * error, or the attempt was cut at its deadline); with a one-line description of the problem (the
 * server's message included, the API key never) and the wait a {@code Retry-After} asked for.
 * Made by {@link #of}, a pure function of the response or failure, the clock and the key. Not
 * public API.
 *
 * @param verdict what the outcome means for the request
 * @param response the response, or null when none came
 * @param problem what went wrong, e.g. {@code HTTP 503: upstream down}; null on success
 * @param serverMessage what the server said about it, shortened and without the key; may be null
 * @param retryAfter the wait the server asked for before another attempt; null when it did not ask
 * @param failure why no response came, or null
 */
public record Outcome(
    ApiResponse.Verdict verdict,
    ApiResponse response,
    String problem,
    String serverMessage,
    Duration retryAfter,
    Throwable failure) {

  /** The outcome of an attempt that got {@code response} or failed with {@code failure} (one of them null). */
  public static Outcome of(ApiResponse response, Throwable failure, Instant now, String apiKey) {
    if (failure != null || response == null) {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      // a cut or a cancel says itself why; anything else is the network's doing
      String what = cause instanceof InterruptedIOException ? String.valueOf(cause.getMessage())
          : "network error: " + ServerMessages.clean(String.valueOf(cause), apiKey);
      return new Outcome(ApiResponse.Verdict.RETRY, null, what, null, null, cause);
    }
    ApiResponse.Verdict verdict = response.verdict();
    if (verdict == ApiResponse.Verdict.SUCCESS) {
      return new Outcome(verdict, response, null, null, null, null);
    }
    String said = ServerMessages.of(response.body(), apiKey);
    return new Outcome(verdict, response, "HTTP " + response.status() + (said == null ? "" : ": " + said), said,
        verdict == ApiResponse.Verdict.RETRY ? RetryAfter.parse(response.retryAfter(), now) : null, null);
  }

  /** The HTTP status, or 0 when no response came. */
  public int status() {
    return response == null ? 0 : response.status();
  }

  /** This outcome counted as a success after all (e.g. every event of a partial 500 was created). */
  public Outcome asSuccess() {
    return new Outcome(ApiResponse.Verdict.SUCCESS, response, null, serverMessage, null, null);
  }

  /** This outcome as one to retry at the policy's own pace, described as {@code problem}. */
  public Outcome retryAs(String problem) {
    return new Outcome(ApiResponse.Verdict.RETRY, response, problem, serverMessage, null, failure);
  }
}
