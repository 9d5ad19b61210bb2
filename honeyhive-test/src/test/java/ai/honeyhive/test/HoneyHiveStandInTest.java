package ai.honeyhive.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.honeyhive.Tracer;
import ai.honeyhive.client.ApiException;
import ai.honeyhive.client.EventPage;
import ai.honeyhive.client.EventQuery;
import ai.honeyhive.client.FilterOperator;
import ai.honeyhive.client.HoneyHiveClient;
import ai.honeyhive.config.ExportSettings;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.transport.model.Event;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class HoneyHiveStandInTest {
  private static final String KEY = "hh-test-key";
  private static final String SINGLE = """
      {"events":[{"event_type":"chain","event_name":"answer","session_id":"s-1","event_id":"e-1","parent_id":"s-1",
        "children_ids":["e-2"],"start_time":1000,"end_time":2000,"inputs":{"q":"x"},"error":null},
       {"event_type":"model","event_name":"complete","session_id":"s-1","event_id":"e-2","parent_id":"e-1",
        "config":{"model":"gpt-4o"},"metadata":{"cost":0.5},"start_time":1500,"end_time":1900,"error":null}],
       "is_single_session":true,
       "session_properties":{"session_name":"support","session_id":"s-1","source":"test","error":null}}
      """;

  private final HoneyHiveStandIn api = HoneyHiveStandIn.start();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    api.close();
  }

  private HttpResponse<String> post(String path, String body, Duration timeout) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(api.url() + path))
        .header("Authorization", "Bearer " + KEY).POST(HttpRequest.BodyPublishers.ofString(body));
    if (timeout != null) {
      r.timeout(timeout);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void recordsASingleSessionBodyAndAnswersAsTheApiDoes() throws Exception {
    HttpResponse<String> r = post("/events/batch", SINGLE, null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"event_ids\":[\"e-1\",\"e-2\"]").contains("\"session_id\":\"s-1\"");
    TraceAssertions.assertThat(api.awaitSessions(1, Duration.ofSeconds(5)).get(0))
        .hasName("support").root().isChain().hasInput("q", "x").child("complete").hasModel("gpt-4o");
  }

  @Test
  void recordsTheTracersDefaultMultiSessionBodies() {
    Tracer tracer = Tracer.create(HoneyHiveConfig.builder().apiKey(KEY).project("p").apiUrl(api.url().toString())
        // no request until shutdown sends both sessions, in the order they completed
        .export(ExportSettings.builder().scheduleDelay(Duration.ofMinutes(10))).build());
    Pipeline.answer(tracer, "refunds", false);
    Pipeline.answer(tracer, "returns", false);
    assertThat(tracer.shutdown(Duration.ofSeconds(10))).isTrue();

    assertThat(api.batchRequests()).allSatisfy(r -> assertThat(r.bodyText()).contains("\"is_single_session\":false"));
    List<RecordedSession> sessions = api.awaitSessions(2, Duration.ofSeconds(5));
    assertThat(sessions).extracting(RecordedSession::name).containsExactly("support", "support");
    TraceAssertions.assertThat(sessions.get(1)).hasEventCount(3)
        .root().hasInput("question", "returns").child("complete").hasTokenUsage(35, 23);
  }

  @Test
  void answersEachStatusFaultOnceThenAcceptsAgain() throws Exception {
    api.failNext(Fault.serverError(), Fault.unavailable(), Fault.unauthorized(),
        Fault.tooManyRequests(Duration.ofMillis(1500)));

    assertThat(post("/events/batch", SINGLE, null).statusCode()).isEqualTo(500);
    assertThat(post("/events/batch", SINGLE, null).statusCode()).isEqualTo(503);
    assertThat(post("/events/batch", SINGLE, null).statusCode()).isEqualTo(401);
    HttpResponse<String> limited = post("/events/batch", SINGLE, null);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(api.sessions()).isEmpty();

    assertThat(post("/events/batch", SINGLE, null).statusCode()).isEqualTo(200);
    assertThat(api.sessions()).hasSize(1);
    assertThat(api.batchRequests()).extracting(ReceivedRequest::status).containsExactly(500, 503, 401, 429, 200);
  }

  @Test
  void aResetFailsTheRequestAndRecordsNothing() {
    api.failNext(Fault.reset());
    assertThatThrownBy(() -> post("/events/batch", SINGLE, null)).isInstanceOf(IOException.class);
    assertThat(api.sessions()).isEmpty();
    assertThat(api.batchRequests()).extracting(ReceivedRequest::status).containsExactly(0);
  }

  @Test
  void noAnswerHoldsTheRequestUntilTheClientGivesUp() {
    api.failNext(Fault.noAnswer());
    assertThatThrownBy(() -> post("/events/batch", SINGLE, Duration.ofMillis(300)))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(api.sessions()).isEmpty();
  }

  @Test
  void aDelayedAnswerStillRecordsTheBatch() throws Exception {
    api.failNext(Fault.delay(Duration.ofMillis(200)));
    assertThat(post("/events/batch", SINGLE, null).statusCode()).isEqualTo(200);
    assertThat(api.events()).extracting(Event::eventId).containsExactly("e-1", "e-2");
  }

  @Test
  void aPartial500RecordsOnlyTheCreatedEvents() throws Exception {
    api.failNext(Fault.partial(1));
    HttpResponse<String> r = post("/events/batch", SINGLE, null);
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("\"event_ids\":[\"e-1\"]").contains("errors");
    assertThat(api.events()).extracting(Event::eventId).containsExactly("e-1");
  }

  @Test
  void aWrongApiKeyGets401WhenAKeyIsRequired() throws Exception {
    api.requireApiKey("another-key");
    assertThat(post("/events/batch", SINGLE, null).statusCode()).isEqualTo(401);
    assertThat(api.sessions()).isEmpty();
  }

  @Test
  void theTracerRetriesThroughFaultsAndDeliversOnce() {
    api.failNext(Fault.unavailable(), Fault.tooManyRequests(Duration.ofMillis(100)), Fault.partial(0));
    Tracer tracer = Tracer.create(HoneyHiveConfig.builder().apiKey(KEY).project("p").apiUrl(api.url().toString())
        .export(ExportSettings.builder().initialBackoff(Duration.ofMillis(10)).maxBackoff(Duration.ofMillis(50)))
        .build());
    Pipeline.answer(tracer, "refunds", false);
    tracer.shutdown(Duration.ofSeconds(20));

    List<RecordedSession> sessions = api.awaitSessions(1, Duration.ofSeconds(5));
    assertThat(sessions.get(0).events()).hasSize(3);
    assertThat(api.batchRequests().size()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void servesExportWithFiltersDateRangeAndPagingToTheRealClient() throws Exception {
    post("/events/batch", SINGLE, null);
    post("/events/batch", SINGLE.replace("s-1", "s-2").replace("e-1", "e-3").replace("e-2", "e-4")
        .replace("1500", "5500").replace("1000", "5000").replace("gpt-4o", "claude"), null);

    try (HoneyHiveClient client = HoneyHiveClient.create(HoneyHiveConfig.builder().apiKey(KEY).project("p")
        .apiUrl(api.url().toString()).build())) {
      EventPage models = client.queryEvents(EventQuery.builder().project("p")
          .filter("event_type", FilterOperator.IS, "model").build());
      assertThat(models.events()).extracting(Event::eventId).containsExactly("e-2", "e-4");
      assertThat(models.totalEvents()).isEqualTo(2);

      EventPage claude = client.queryEvents(EventQuery.builder().project("p")
          .filter("config.model", FilterOperator.IS, "claude").build());
      assertThat(claude.events()).extracting(Event::eventId).containsExactly("e-4");

      EventPage late = client.queryEvents(EventQuery.builder().project("p")
          .dateRange(Instant.ofEpochMilli(5000), Instant.ofEpochMilli(6000)).build());
      assertThat(late.events()).extracting(Event::eventId).containsExactly("s-2", "e-3", "e-4");

      List<String> paged = client.streamEvents(EventQuery.builder().project("p").limit(1).build())
          .map(Event::eventId).collect(Collectors.toList());
      assertThat(paged).containsExactly("s-1", "e-1", "e-2", "s-2", "e-3", "e-4");

      Event session = client.getSession("s-2");
      assertThat(session.eventName()).isEqualTo("support");
      assertThat(session.childrenIds()).containsExactly("e-3");
      assertThatThrownBy(() -> client.getSession("nope"))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
  }

  @Test
  @org.junit.jupiter.api.parallel.ResourceLock(HoneyHiveTestExtension.GLOBAL_TRACER)
  void aScopedGlobalTracerSendsWhatTheGlobalTracerRecordsAndPutsThePreviousBack() {
    ai.honeyhive.Tracer before = ai.honeyhive.internal.GlobalTracerSlot.current();
    Tracer tracer = Tracer.create(HoneyHiveConfig.builder().apiKey(KEY).project("p").apiUrl(api.url().toString()).build());
    try (ScopedGlobalTracer scoped = ScopedGlobalTracer.install(tracer)) {
      assertThat(ai.honeyhive.HoneyHive.tracer()).isSameAs(tracer);
      Pipeline.answer("refunds");
      assertThat(scoped.shutdown()).isTrue();
    }
    assertThat(ai.honeyhive.internal.GlobalTracerSlot.current()).isSameAs(before);
    TraceAssertions.assertThat(api.awaitSessions(1, Duration.ofSeconds(5)).get(0)).root().hasName("answer");
  }

  @Test
  void aSessionAnnouncedAfterItsFollowUpsIsOneSessionWithAllItsEvents() throws Exception {
    String followUp = """
        {"events":[{"event_type":"tool","event_name":"early","session_id":"s-9","event_id":"e-9","parent_id":"e-10",
          "start_time":100,"end_time":200,"error":null}],
         "is_single_session":true,"session_properties":{"session_id":"s-9"}}
        """;
    String announcing = """
        {"events":[{"event_type":"chain","event_name":"long","session_id":"s-9","event_id":"e-10","parent_id":"s-9",
          "children_ids":["e-9"],"start_time":50,"end_time":900,"error":null}],
         "is_single_session":true,"session_properties":{"session_id":"s-9","session_name":"long-session","error":null}}
        """;
    post("/events/batch", followUp, null);
    assertThat(api.sessions()).singleElement().satisfies(s -> assertThat(s.announced()).isFalse());
    try (HoneyHiveClient client = HoneyHiveClient.create(HoneyHiveConfig.builder().apiKey(KEY).project("p")
        .apiUrl(api.url().toString()).build())) {
      assertThatThrownBy(() -> client.getSession("s-9")).isInstanceOf(ApiException.class);
      post("/events/batch", announcing, null);
      assertThat(client.getSession("s-9").eventName()).isEqualTo("long-session");
    }

    RecordedSession session = api.awaitSessions(1, Duration.ofSeconds(5)).get(0);
    TraceAssertions.assertThat(session).hasName("long-session").hasEventCount(2)
        .root().hasName("long").child("early").isTool();
  }

  @Test
  void requestsNeverShowTheApiKey() throws Exception {
    post("/events/batch", SINGLE, null);
    assertThat(api.requests().toString()).doesNotContain(KEY);
  }
}
