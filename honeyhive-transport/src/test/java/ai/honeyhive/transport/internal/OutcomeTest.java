package ai.honeyhive.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.transport.internal.ApiResponse.Verdict;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** What an attempt came to, read one way for the exporter and the read client. */
class OutcomeTest {
  private static final String KEY = "hh-outcome-key-77d1";
  private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

  private static ApiResponse response(int status, String body, String retryAfter) {
    return new ApiResponse(status, body.getBytes(StandardCharsets.UTF_8), retryAfter);
  }

  @Test
  void aSuccessHasNoProblem() {
    Outcome o = Outcome.of(response(200, "{}", null), null, NOW, KEY);

    assertThat(o.verdict()).isEqualTo(Verdict.SUCCESS);
    assertThat(o.problem()).isNull();
    assertThat(o.status()).isEqualTo(200);
  }

  @Test
  void aThrottledAnswerIsRetriedWhenTheServerAsks() {
    Outcome o = Outcome.of(response(429, "{\"message\": \"slow down\"}", "Wed, 21 Oct 2015 07:28:30 GMT"), null, NOW, KEY);

    assertThat(o.verdict()).isEqualTo(Verdict.RETRY);
    assertThat(o.problem()).isEqualTo("HTTP 429: slow down");
    assertThat(o.serverMessage()).isEqualTo("slow down");
    assertThat(o.retryAfter()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aRejectedKeyIsNotRetriedWhateverRetryAfterSaysAndItsMessageHidesTheKey() {
    Outcome o = Outcome.of(response(401, "{\"message\": \"bad key " + KEY + "\"}", "1"), null, NOW, KEY);

    assertThat(o.verdict()).isEqualTo(Verdict.KEY_REJECTED);
    assertThat(o.retryAfter()).isNull();
    assertThat(o.problem()).isEqualTo("HTTP 401: bad key <redacted>");
  }

  @Test
  void noResponseIsWorthAnotherAttempt() {
    Outcome reset = Outcome.of(null, new CompletionException(new IOException("Connection reset " + KEY)), NOW, KEY);
    Outcome refused = Outcome.of(null, new ConnectException("Connection refused"), NOW, KEY);
    Outcome cut = Outcome.of(null, new InterruptedIOException("no complete response within 200 ms"), NOW, KEY);

    assertThat(reset.verdict()).isEqualTo(Verdict.RETRY);
    assertThat(reset.status()).isZero();
    assertThat(reset.problem()).isEqualTo("network error: java.io.IOException: Connection reset <redacted>");
    assertThat(reset.failure()).isInstanceOf(IOException.class);
    assertThat(refused.verdict()).isEqualTo(Verdict.RETRY);
    assertThat(refused.problem()).startsWith("network error: java.net.ConnectException");
    assertThat(cut.problem()).isEqualTo("no complete response within 200 ms");
  }

  @Test
  void aBadRequestIsRefused() {
    Outcome o = Outcome.of(response(400, "{\"message\": \"Missing required field: project\"}", null), null, NOW, KEY);

    assertThat(o.verdict()).isEqualTo(Verdict.REJECTED);
    assertThat(o.problem()).isEqualTo("HTTP 400: Missing required field: project");
  }
}
