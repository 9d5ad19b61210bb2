package ai.honeyhive.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class StandInServerTest {
  private static final String MULTI = """
      {"events":[{"event_type":"chain","event_name":"answer","session_id":"s-1","event_id":"e-1","parent_id":"s-1",
        "start_time":1000,"end_time":2000},
       {"event_type":"tool","event_name":"look","session_id":"s-1","event_id":"e-2","parent_id":"e-1",
        "start_time":1100,"end_time":1200},
       {"event_type":"session","event_name":"support","session_id":"s-1","event_id":"s-1","source":"test"}],
       "is_single_session":false}
      """;

  private final StandInServer server = StandInServer.start();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void recordsWhatItCreatedAndWhichSessionsWereAnnounced() throws Exception {
    HttpResponse<String> r = send("POST", "/events/batch", MULTI);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(server.createdEventIds()).containsExactly("e-1", "e-2");
    assertThat(server.announcedSessionIds()).containsExactly("s-1");
    assertThat(server.announcedSessionNames()).containsExactly("support");
    assertThat(server.createdEventNames()).containsExactly("answer", "look");
    assertThat(server.sessions()).singleElement().satisfies(s -> {
      assertThat(s.announced()).isTrue();
      assertThat(s.name()).isEqualTo("support");
      assertThat(s.events()).hasSize(2);
    });
    ReceivedRequest got = server.requests().get(0);
    assertThat(got.eventIds()).containsExactly("e-1", "e-2");
    assertThat(got.sessionEventIds()).containsExactly("s-1");
    assertThat(got.json().path("is_single_session").booleanValue()).isFalse();
  }

  @Test
  void aPartial500CreatesTheFirstTracedEventsAndRefusesTheRestAndTheAnnouncements() throws Exception {
    server.failNext(Fault.partial(1));

    HttpResponse<String> r = send("POST", "/events/batch", MULTI);

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("\"event_ids\":[\"e-1\"]");
    assertThat(server.createdEventIds()).containsExactly("e-1");
    assertThat(server.announcedSessionIds()).isEmpty();
  }

  @Test
  void answerNextScriptsAnyEndpointWithHeadersAndContentType() throws Exception {
    server.answerNext(Fault.respond(200, "text/plain", "<html>gateway</html>"),
        Fault.status(307).withHeader("Location", "http://example.invalid/"),
        Fault.tooManyRequests(Duration.ofMillis(1)));

    HttpResponse<String> text = send("GET", "/session/s-1", null);
    HttpResponse<String> redirect = send("POST", "/events/export", "{}");
    HttpResponse<String> limited = send("POST", "/events/batch", MULTI);

    assertThat(text.body()).isEqualTo("<html>gateway</html>");
    assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain");
    assertThat(redirect.statusCode()).isEqualTo(307);
    assertThat(redirect.headers().firstValue("Location")).hasValue("http://example.invalid/");
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(server.requests()).extracting(ReceivedRequest::status).containsExactly(200, 307, 429);
    assertThat(server.createdEventIds()).isEmpty();
  }

  @Test
  void answerAllHoldsUntilAnswerNormallyAndARuleMayChooseTheNormalAnswer() throws Exception {
    server.answerAll(Fault.onArrival(r -> r.path().contains("refuse") ? Fault.json(400, "{\"message\":\"no\"}") : null));

    assertThat(send("POST", "/refuse/events/batch", MULTI).body()).isEqualTo("{\"message\":\"no\"}");
    assertThat(send("POST", "/refuse/events/batch", MULTI).statusCode()).isEqualTo(400);
    assertThat(send("POST", "/api/events/batch", MULTI).statusCode()).isEqualTo(200);   // under a base path too
    server.answerNormally();
    assertThat(send("POST", "/refuse/events/batch", MULTI).statusCode()).isEqualTo(200);
    assertThat(server.createdEventIds()).containsExactly("e-1", "e-2", "e-1", "e-2");
  }

  @Test
  void aHeldRequestCountsAsArrivedAndEndsWithoutAnAnswerWhenReleased() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.answerNext(Fault.noAnswerUntil(release));
    CompletableFuture<HttpResponse<String>> held = http.sendAsync(HttpRequest.newBuilder(
        URI.create(server.url() + "/events/batch")).POST(HttpRequest.BodyPublishers.ofString(MULTI)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(server.awaitRequests(1, Duration.ofSeconds(10))).singleElement()
        .satisfies(r -> assertThat(r.status()).isZero());
    assertThat(held).isNotDone();
    release.countDown();

    assertThat(held).failsWithin(10, TimeUnit.SECONDS);
    assertThat(server.createdEventIds()).isEmpty();
  }

  @Test
  void aDelayedAnswerRecordsTheBatchAtOnceAndAnswersWhenReleased() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.failNext(Fault.delayUntil(release));
    CompletableFuture<HttpResponse<String>> slow = http.sendAsync(HttpRequest.newBuilder(
        URI.create(server.url() + "/events/batch")).POST(HttpRequest.BodyPublishers.ofString(MULTI)).build(),
        HttpResponse.BodyHandlers.ofString());

    server.awaitRequests(1, Duration.ofSeconds(10));
    assertThat(server.createdEventIds()).containsExactly("e-1", "e-2");
    assertThat(slow).isNotDone();
    release.countDown();

    assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void closeWithoutAnswerAndResetFailTheRequestAndAreTimed() throws Exception {
    server.answerNext(Fault.closeWithoutAnswer(), Fault.reset());

    assertThatThrownBy(() -> send("POST", "/events/batch", MULTI)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> send("POST", "/events/batch", MULTI)).isInstanceOf(IOException.class);
    send("POST", "/events/batch", MULTI);

    assertThat(server.requests()).extracting(ReceivedRequest::status).containsExactly(0, 0, 200);
    assertThat(server.requests().get(2).receivedNanos()).isGreaterThan(server.requests().get(0).receivedNanos());
  }

  @Test
  void awaitingMoreRequestsThanArriveFailsSayingWhatArrived() throws Exception {
    send("POST", "/events/batch", MULTI);

    assertThatThrownBy(() -> server.awaitRequests(2, Duration.ofMillis(100)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("Expected 2 requests")
        .hasMessageContaining("POST /events/batch -> 200");
  }

  @Test
  void resetForgetsRequestsEventsAndScript() throws Exception {
    server.answerAll(Fault.unavailable());
    send("POST", "/events/batch", MULTI);
    server.reset();

    assertThat(server.requests()).isEmpty();
    assertThat(send("POST", "/events/batch", MULTI).statusCode()).isEqualTo(200);
  }

  @Test
  void faultsSayWhatIsWrongWithThem() {
    assertThatThrownBy(() -> Fault.status(200)).hasMessageContaining("use Fault.respond");
    assertThatThrownBy(() -> Fault.partial(-1)).hasMessageContaining(">= 0");
    assertThatThrownBy(() -> Fault.reset().withHeader("a", "b")).hasMessageContaining("only a fault that answers");
  }
}
