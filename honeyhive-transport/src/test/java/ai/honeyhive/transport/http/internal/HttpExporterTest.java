package ai.honeyhive.transport.http.internal;

import static ai.honeyhive.testing.TestSessions.eventIds;
import static ai.honeyhive.testing.TestSessions.session;
import static ai.honeyhive.testing.TestSessions.sessions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.honeyhive.config.ExportSettings;
import ai.honeyhive.config.ExportSettingsBuilder;
import ai.honeyhive.test.Fault;
import ai.honeyhive.test.ReceivedRequest;
import ai.honeyhive.test.StandInServer;
import ai.honeyhive.testing.CapturedLog;
import ai.honeyhive.transport.export.ExportException;
import ai.honeyhive.transport.internal.JsonMappers;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP exporter against a real local server that misbehaves on purpose, in the documented
 * single-session form (one request per batch), where each request's own retries can be counted;
 * the multi-session form (the default) is {@link MultiSessionExportTest}.
 */
@Timeout(60)
class HttpExporterTest {
  static final String KEY = "hh-secret-key-5f1c2d9e";

  private final StandInServer server = StandInServer.start();
  private final List<HttpExporter> exporters = new ArrayList<>();

  @AfterEach
  void tearDown() {
    exporters.forEach(HttpExporter::shutdown);
    server.close();
  }

  static ExportSettingsBuilder fast() {
    return ExportSettings.builder()
        .initialBackoff(Duration.ofMillis(10))
        .maxBackoff(Duration.ofMillis(40))
        .connectTimeout(Duration.ofSeconds(2))
        .requestTimeout(Duration.ofSeconds(5))
        .maxRetryElapsed(Duration.ofSeconds(20))
        .maxAttempts(8)
        .batchForm(ExportSettings.BatchForm.SINGLE_SESSION);
  }

  private HttpExporter exporter(ExportSettingsBuilder settings) {
    return exporter(server.url(), settings);
  }

  private HttpExporter exporter(URI url, ExportSettingsBuilder settings) {
    HttpExporter e = HttpExporter.builder().apiKey(KEY).apiUrl(url).settings(settings.build()).build();
    exporters.add(e);
    return e;
  }

  static JsonNode resource(String name) throws Exception {
    try (InputStream in = HttpExporterTest.class.getResourceAsStream("/api/" + name)) {
      return JsonMappers.mapper().readTree(in);
    }
  }

  private static ExportException exportFailure(CompletableFuture<Void> result) {
    Throwable t = catchThrowable(() -> result.get(30, TimeUnit.SECONDS));
    assertThat(t).isInstanceOf(ExecutionException.class).cause().isInstanceOf(ExportException.class);
    return (ExportException) t.getCause();
  }

  @Test
  void theDocumentedRequestGoesOverTheWireUnchanged() throws Exception {
    JsonNode documented = resource("events-batch-request.json");
    BatchRequest batch = JsonMappers.mapper().treeToValue(documented, BatchRequest.class);

    exporter(fast()).export(List.of(batch)).get(10, TimeUnit.SECONDS);

    ReceivedRequest r = server.requests().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/events/batch");
    assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    // names, nesting, types and values: the body is the documented example, node for node
    assertThat(r.json()).isEqualTo(documented);
  }

  @Test
  void aTracerSessionHasTheDocumentedFieldsAndTypes() throws Exception {
    BatchRequest s = session(3);
    exporter(fast()).export(List.of(s)).get(10, TimeUnit.SECONDS);

    JsonNode body = server.requests().get(0).json();
    assertThat(body.fieldNames()).toIterable().containsExactly("events", "is_single_session", "session_properties");
    assertThat(body.get("is_single_session").isBoolean()).isTrue();
    assertThat(body.get("is_single_session").booleanValue()).isTrue();
    JsonNode props = body.get("session_properties");
    assertThat(props.get("session_id").asText()).isEqualTo(s.sessionId());
    assertThat(props.get("session_name").isTextual()).isTrue();
    assertThat(props.get("source").asText()).isEqualTo("test");
    assertThat(props.get("inputs").isObject()).isTrue();
    assertThat(props.get("outputs").isObject()).isTrue();
    assertThat(props.has("error")).isTrue();
    assertThat(props.get("error").isNull()).isTrue();
    assertThat(body.get("events").isArray()).isTrue();
    assertThat(body.get("events")).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonNode e = body.get("events").get(i);
      Event sent = s.events().get(i);
      assertThat(e.get("project").asText()).isEqualTo("test-project");
      assertThat(e.get("event_type").asText()).isIn("chain", "tool", "model");
      assertThat(e.get("event_name").asText()).isEqualTo(sent.eventName());
      assertThat(e.get("source").asText()).isEqualTo("test");
      assertThat(e.get("session_id").asText()).isEqualTo(s.sessionId());
      assertThat(e.get("event_id").asText()).isEqualTo(sent.eventId());
      assertThat(e.get("parent_id").asText()).isEqualTo(sent.parentId());
      assertThat(e.get("children_ids").isArray()).isTrue();
      assertThat(e.get("children_ids")).extracting(JsonNode::asText).containsExactlyElementsOf(sent.childrenIds());
      assertThat(e.get("config").isObject()).isTrue();
      assertThat(e.get("inputs").isObject()).isTrue();
      assertThat(e.get("inputs").get("n").isInt()).isTrue();
      assertThat(e.get("outputs").isObject()).isTrue();
      assertThat(e.has("error") && e.get("error").isNull()).isTrue();
      assertThat(e.get("start_time").isIntegralNumber()).isTrue();
      assertThat(e.get("end_time").isIntegralNumber()).isTrue();
      assertThat(e.get("duration").isNumber()).isTrue();
      assertThat(e.get("metadata").isObject()).isTrue();
    }
  }

  @Test
  void everyEventIsCreatedExactlyOnceThroughEveryKindOfFailure() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.answerNext(Fault.status(500), Fault.status(503),
        Fault.status(429).withHeader("Retry-After", "0"), Fault.reset(), Fault.noAnswerUntil(release));
    server.answerNext(Fault.partial(1));
    server.answerNext(Fault.closeWithoutAnswer(), Fault.status(502));
    List<BatchRequest> sent = sessions(12, 3);
    // a timeout that cuts the request never answered, and no other even when a loaded machine answers slowly
    HttpExporter exporter = exporter(fast().requestTimeout(Duration.ofSeconds(3)).maxConcurrentRequests(4));

    exporter.export(sent).get(30, TimeUnit.SECONDS);
    release.countDown();

    List<String> created = server.createdEventIds();
    assertThat(created).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(eventIds(sent));
    assertThat(exporter.retryCount()).isGreaterThanOrEqualTo(8);
  }

  @Test
  void afterAPartialCreationOnlyTheEventsNotCreatedAreSentAgain() throws Exception {
    BatchRequest s = session(4);
    server.answerNext(Fault.partial(3));

    exporter(fast()).export(List.of(s)).get(10, TimeUnit.SECONDS);

    List<ReceivedRequest> requests = server.requests();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).eventIds()).containsExactlyElementsOf(eventIds(List.of(s)));
    assertThat(requests.get(1).eventIds()).containsExactly(s.events().get(3).eventId());
    assertThat(requests.get(1).sessionId()).isEqualTo(s.sessionId());
    assertThat(server.createdEventIds()).doesNotHaveDuplicates().hasSize(4);
  }

  @Test
  void aPartialCreationThatCreatedEverythingIsNotSentAgain() throws Exception {
    BatchRequest s = session(2);
    server.answerNext(Fault.partial(2));

    exporter(fast()).export(List.of(s)).get(10, TimeUnit.SECONDS);

    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void waitsTheSecondsRetryAfterAsksFor() throws Exception {
    server.answerNext(Fault.status(429).withHeader("Retry-After", "1"));

    exporter(fast()).export(List.of(session(1))).get(10, TimeUnit.SECONDS);

    List<ReceivedRequest> x = server.requests();
    assertThat(x).hasSize(2);
    assertThat(Duration.ofNanos(x.get(1).receivedNanos() - x.get(0).receivedNanos()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void waitsUntilTheDateRetryAfterNames() throws Exception {
    // the date is written when the request arrives, two seconds on, in whole seconds
    server.answerNext(Fault.onArrival(request -> Fault.status(503).withHeader("Retry-After",
        DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2)))));

    exporter(fast()).export(List.of(session(1))).get(10, TimeUnit.SECONDS);

    List<ReceivedRequest> x = server.requests();
    assertThat(x).hasSize(2);
    // the date drops the fraction of a second, so at least one of the two seconds remains
    assertThat(Duration.ofNanos(x.get(1).receivedNanos() - x.get(0).receivedNanos()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void aRetryAfterBeyondTheTimeLimitGivesUpAtOnce() {
    server.answerNext(Fault.status(429).withHeader("Retry-After", "3600"));
    HttpExporter exporter = exporter(fast().maxRetryElapsed(Duration.ofSeconds(5)));

    ExportException failure = exportFailure(exporter.export(List.of(session(2))));

    assertThat(failure.failedEvents()).isEqualTo(2);
    assertThat(failure.getMessage()).contains("HTTP 429").contains("retry after 3600 s");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aBadRequestIsNotRetriedAndIsLoggedOnceWithTheServersMessage() {
    server.answerAll(Fault.json(400, "{\"message\":\"Missing required field: project\"}"));
    HttpExporter exporter = exporter(fast());
    try (CapturedLog log = CapturedLog.start()) {
      ExportException first = exportFailure(exporter.export(List.of(session(3))));
      exportFailure(exporter.export(List.of(session(2))));

      assertThat(first.failedEvents()).isEqualTo(3);
      assertThat(first.getMessage()).contains("HTTP 400").contains("Missing required field: project");
      assertThat(server.requests()).hasSize(2); // one per export: neither was retried
      assertThat(exporter.retryCount()).isZero();
      assertThat(log.linesContaining("HTTP 400")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 408, 409, 413, 422})
  void noClientErrorButTooManyRequestsIsRetried(int status) {
    server.answerAll(Fault.status(status));
    HttpExporter exporter = exporter(fast());

    ExportException failure = exportFailure(exporter.export(List.of(session(2))));

    assertThat(failure.failedEvents()).isEqualTo(2);
    assertThat(failure.getMessage()).contains("HTTP " + status);
    assertThat(server.requests()).hasSize(1);
    assertThat(exporter.retryCount()).isZero();
  }

  @Test
  void unauthorizedTellsTheUserToCheckTheApiKeyWithoutShowingIt() {
    server.answerAll(Fault.json(401, "{\"error\":\"Invalid API key " + KEY + "\"}"));
    HttpExporter exporter = exporter(fast());
    try (CapturedLog log = CapturedLog.start()) {
      ExportException failure = exportFailure(exporter.export(List.of(session(1))));

      assertThat(failure.getMessage()).contains("HTTP 401").contains("check HH_API_KEY")
          .contains("<redacted>").doesNotContain(KEY);
      assertThat(log.text()).contains("HTTP 401").doesNotContain(KEY);
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void redirectsAreNotFollowed() {
    server.answerAll(Fault.status(307).withHeader("Location", "http://example.invalid/events/batch"));

    ExportException failure = exportFailure(exporter(fast()).export(List.of(session(1))));

    assertThat(failure.getMessage()).contains("HTTP 307").contains("check HH_API_URL");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void givesUpAfterTheLastAttemptAndCountsTheRetries() {
    server.answerAll(Fault.status(503));
    HttpExporter exporter = exporter(fast().maxAttempts(3));

    ExportException failure = exportFailure(exporter.export(List.of(session(2), session(3))));

    assertThat(failure.failedEvents()).isEqualTo(5);
    assertThat(failure.getMessage()).contains("after 3 attempts").contains("HTTP 503");
    assertThat(server.requests()).hasSize(6);
    assertThat(exporter.retryCount()).isEqualTo(4);
  }

  @Test
  void anUnreachableServerIsRetriedThenCountedAsFailed() {
    StandInServer gone = StandInServer.start();
    URI url = gone.url();
    gone.close();
    HttpExporter exporter = exporter(url, fast().maxAttempts(2));

    ExportException failure = exportFailure(exporter.export(List.of(session(2))));

    assertThat(failure.failedEvents()).isEqualTo(2);
    assertThat(failure.getMessage()).contains("network error");
    assertThat(exporter.retryCount()).isEqualTo(1);
  }

  @Test
  void aStalledResponseTimesOutAndIsRetried() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.answerNext(Fault.noAnswerUntil(release));
    // long enough that the second attempt, on a new connection, is not cut too on a slow machine
    HttpExporter exporter = exporter(fast().requestTimeout(Duration.ofSeconds(2)));

    exporter.export(List.of(session(2))).get(10, TimeUnit.SECONDS);
    release.countDown();

    assertThat(server.requests()).hasSize(2);
    assertThat(server.createdEventIds()).hasSize(2);
  }

  @Test
  void shutdownAbandonsARequestInFlight() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.answerAll(Fault.noAnswerUntil(release));
    HttpExporter exporter = exporter(fast().requestTimeout(Duration.ofSeconds(30)).responseTimeout(Duration.ofSeconds(30)));
    CompletableFuture<CompletableFuture<Void>> running =
        CompletableFuture.supplyAsync(() -> exporter.export(List.of(session(2))));
    server.awaitRequests(1, Duration.ofSeconds(10));

    exporter.shutdown();

    ExportException failure = exportFailure(running.get(10, TimeUnit.SECONDS));
    release.countDown();
    assertThat(failure.failedEvents()).isEqualTo(2);
    assertThat(failure.getMessage()).contains("shut down");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void afterShutdownExportsFailWithoutARequest() {
    HttpExporter exporter = exporter(fast());
    exporter.shutdown();

    ExportException failure = exportFailure(exporter.export(List.of(session(3))));

    assertThat(failure.failedEvents()).isEqualTo(3);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void theKeyIsNotInToString() {
    HttpExporter exporter = exporter(fast());
    assertThat(exporter.toString()).contains("/events/batch").doesNotContain(KEY);
  }

  @Test
  void aBaseUrlWithAPathKeepsIt() throws Exception {
    HttpExporter exporter = exporter(URI.create(server.url() + "/api/"), fast());
    exporter.export(List.of(session(1))).get(10, TimeUnit.SECONDS);
    assertThat(server.requests().get(0).path()).isEqualTo("/api/events/batch");
  }
}
