package ai.honeyhive.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.config.ExportSettings;
import ai.honeyhive.test.Fault;
import ai.honeyhive.test.StandInServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hook of the loop's owner that throws runs on the timer or inside a future's callback, where
 * the exception would be swallowed: the request must still end, as given up, so that whoever
 * waits for it (the exporter's flush, its export slot, the read client's caller) is answered.
 */
@Timeout(30)
class RetryLoopInternalErrorTest {
  private static final String KEY = "hh-test-key-internal-error";

  /** A loop whose chosen hook throws; {@code ended} is completed by whichever end is called. */
  private static final class Throwing extends RetryLoop {
    final CompletableFuture<String> ended = new CompletableFuture<>();
    private final ApiHttpClient http;
    private final String throwIn;

    Throwing(ApiHttpClient http, String throwIn) {
      super(http, new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(5),
          Duration.ofSeconds(2)), KEY);
      this.http = http;
      this.throwIn = throwIn;
    }

    private void maybeThrow(String hook) {
      if (hook.equals(throwIn)) {
        throw new IllegalStateException("bug in " + hook + " near " + KEY);
      }
    }

    @Override
    protected ApiHttpClient.AsyncCall send() {
      return http.send("POST", "/events/batch", "{\"events\":[]}".getBytes());
    }

    @Override
    protected Outcome review(Outcome outcome, long roundTripNanos) {
      maybeThrow("review");
      return outcome;
    }

    @Override
    protected void retrying(long waitNanos, Outcome outcome) {
      maybeThrow("retrying");
    }

    @Override
    protected void succeeded(ApiResponse response) {
      maybeThrow("succeeded");
      ended.complete("succeeded");
    }

    @Override
    protected void refused(Outcome outcome) {
      ended.complete("refused");
    }

    @Override
    protected void gaveUp(String problem, Outcome last) {
      ended.complete("gave up: " + problem);
    }
  }

  @Test
  void aHookThatThrowsOnTheResponseEndsTheRequestAsGivenUpWithoutTheKey() throws Exception {
    for (String hook : new String[] {"review", "succeeded"}) {
      try (StandInServer server = StandInServer.start();
          ApiHttpClient http = new ApiHttpClient(server.url(), KEY, ExportSettings.defaults())) {
        Throwing loop = new Throwing(http, hook);
        loop.start();
        String how = loop.ended.get(10, TimeUnit.SECONDS);
        assertThat(how).as(hook).startsWith("gave up: internal error").contains("bug in " + hook)
            .doesNotContain(KEY);
      }
    }
  }

  @Test
  void aHookThatThrowsBeforeARetryEndsTheRequestAsGivenUp() throws Exception {
    try (StandInServer server = StandInServer.start();
        ApiHttpClient http = new ApiHttpClient(server.url(), KEY, ExportSettings.defaults())) {
      server.answerNext(Fault.serverError());
      Throwing loop = new Throwing(http, "retrying");
      loop.start();
      assertThat(loop.ended.get(10, TimeUnit.SECONDS)).startsWith("gave up: internal error").contains("bug in retrying");
      assertThat(server.requests()).hasSize(1);
    }
  }
}
