package ai.honeyhive.transport.http.internal;

import static ai.honeyhive.testing.TestSessions.eventIds;
import static ai.honeyhive.testing.TestSessions.session;
import static ai.honeyhive.testing.TestSessions.sessions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.honeyhive.config.ExportSettings;
import ai.honeyhive.config.ExportSettingsBuilder;
import ai.honeyhive.test.Fault;
import ai.honeyhive.test.ReceivedRequest;
import ai.honeyhive.test.StandInServer;
import ai.honeyhive.testing.CapturedLog;
import ai.honeyhive.transport.export.internal.BatchingSessionProcessor;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.SessionProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The default export path (batching processor, HTTP exporter, multi-session requests, default
 * settings unless a test says otherwise) against a real local server that misbehaves on purpose.
 */
@Timeout(60)
class MultiSessionExportTest {
  private final StandInServer server = StandInServer.start();
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<BatchingSessionProcessor> processors = new ArrayList<>();

  @AfterEach
  void tearDown() {
    release.countDown();
    processors.forEach(p -> p.shutdown(Duration.ofSeconds(5)));
    server.close();
  }

  private BatchingSessionProcessor processor(ExportSettingsBuilder settings) {
    ExportSettings s = settings.build();
    HttpExporter exporter = HttpExporter.builder()
        .apiKey(HttpExporterTest.KEY).apiUrl(server.url()).settings(s).build();
    BatchingSessionProcessor p = BatchingSessionProcessor.builder(exporter).settings(s).build();
    processors.add(p);
    return p;
  }

  /** Default settings except a short batching delay, so tests do not wait a second per request. */
  private static ExportSettingsBuilder defaults() {
    return ExportSettings.builder().scheduleDelay(Duration.ofMillis(20));
  }

  private static Set<String> specEventFields() throws Exception {
    Set<String> names = new HashSet<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        MultiSessionExportTest.class.getResourceAsStream("/api/create-event-request-fields.txt"), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          names.add(line.trim());
        }
      }
    }
    return names;
  }

  /** No request before the flush, however slowly the test thread hands the sessions over: the flush sends them in one. */
  private static ExportSettingsBuilder untilFlushed() {
    return ExportSettings.builder().scheduleDelay(Duration.ofMinutes(10));
  }

  @Test
  void manySessionsGoInOneRequestEachAnnouncedByItsSessionEventWithTheSpecsFields() throws Exception {
    BatchingSessionProcessor p = processor(untilFlushed());
    List<BatchRequest> sent = sessions(30, 4);

    sent.forEach(p::onSessionEnd);
    assertThat(p.flush(Duration.ofSeconds(20))).isTrue();

    assertThat(server.requests()).hasSize(1);
    JsonNode body = server.requests().get(0).json();
    assertThat(body.fieldNames()).toIterable().containsExactly("events", "is_single_session");
    assertThat(body.get("is_single_session").isBoolean()).isTrue();
    assertThat(body.get("is_single_session").booleanValue()).isFalse();
    Set<String> spec = specEventFields();
    Map<String, JsonNode> sessionEvents = new HashMap<>();
    for (JsonNode e : body.get("events")) {
      e.fieldNames().forEachRemaining(f -> assertThat(spec).as("field %s is in CreateEventRequest", f).contains(f));
      for (String required : List.of("project", "event_type", "event_name", "source", "inputs")) {
        assertThat(e.hasNonNull(required)).as("%s present", required).isTrue();
      }
      if (e.get("event_type").asText().equals("session")) {
        sessionEvents.put(e.get("event_id").asText(), e);
      }
    }
    assertThat(sessionEvents).hasSize(30);
    for (BatchRequest s : sent) {
      SessionProperties props = s.sessionProperties();
      JsonNode e = sessionEvents.get(props.sessionId());
      assertThat(e).as("session %s announced", props.sessionId()).isNotNull();
      assertThat(e.get("session_id").asText()).isEqualTo(props.sessionId());
      assertThat(e.get("event_name").asText()).isEqualTo(props.sessionName());
      assertThat(e.get("source").asText()).isEqualTo("test");
      assertThat(e.get("project").asText()).isEqualTo("test-project");
      assertThat(e.has("parent_id")).isFalse();
      assertThat(e.get("inputs").get("question").asText()).isEqualTo("q");
      assertThat(e.get("outputs").get("answer").asText()).isEqualTo("a");
      assertThat(e.get("start_time").isNumber()).isTrue();
      assertThat(e.get("end_time").isIntegralNumber()).isTrue();
      long start = s.events().stream().mapToLong(Event::startTime).min().orElseThrow();
      long end = s.events().stream().mapToLong(Event::endTime).max().orElseThrow();
      assertThat(e.get("start_time").asLong()).isEqualTo(start);
      assertThat(e.get("end_time").asLong()).isEqualTo(end);
      assertThat(e.get("duration").asDouble()).isEqualTo((double) (end - start));
      List<String> children = new ArrayList<>();
      e.get("children_ids").forEach(c -> children.add(c.asText()));
      assertThat(children).containsExactly(s.events().get(0).eventId()); // the root: its only top-level event
    }
    assertThat(server.createdEventIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(eventIds(sent));
    assertThat(p.stats().sent()).isEqualTo(120);
  }

  @Test
  void theSingleSessionFormRemainsASetting() {
    BatchingSessionProcessor p = processor(defaults().batchForm(ExportSettings.BatchForm.SINGLE_SESSION));
    List<BatchRequest> sent = sessions(3, 2);

    sent.forEach(p::onSessionEnd);
    assertThat(p.flush(Duration.ofSeconds(20))).isTrue();

    assertThat(server.requests()).hasSize(3);
    for (ReceivedRequest r : server.requests()) {
      JsonNode body = r.json();
      assertThat(body.fieldNames()).toIterable().containsExactly("events", "is_single_session", "session_properties");
      assertThat(body.get("is_single_session").booleanValue()).isTrue();
      assertThat(r.sessionEventIds()).isEmpty();
    }
  }

  @Test
  void aRequestThatNeverAnswersDoesNotDelayTheOthers() {
    server.answerNext(Fault.noAnswerUntil(release)); // the first request hangs until the test ends
    BatchingSessionProcessor p = processor(defaults().maxBatchEvents(10));
    BatchRequest first = session(10);
    p.onSessionEnd(first);
    await().atMost(Duration.ofSeconds(10)).until(() -> server.requests().size() == 1);

    List<BatchRequest> later = sessions(20, 10);
    later.forEach(p::onSessionEnd);

    // all of them arrive while the first request is still unanswered (default timeout: 30 s)
    await().atMost(Duration.ofSeconds(10)).until(() -> server.createdEventIds().size() == 200);
    assertThat(server.createdEventIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(eventIds(later));
    await().atMost(Duration.ofSeconds(10)).until(() -> p.stats().sent() == 200); // counted once answered
    assertThat(p.stats().pending()).isEqualTo(10);
  }

  @Test
  void aPartial500InAMultiSessionRequestResendsOnlyTheEventsNotCreated() {
    server.answerNext(Fault.partial(7));
    BatchingSessionProcessor p = processor(untilFlushed());
    List<BatchRequest> sent = sessions(4, 3);

    sent.forEach(p::onSessionEnd);
    assertThat(p.flush(Duration.ofSeconds(20))).isTrue();

    assertThat(server.requests()).hasSize(2);
    List<String> firstIds = server.requests().get(0).eventIds();
    assertThat(server.requests().get(1).eventIds()).containsExactlyElementsOf(firstIds.subList(7, firstIds.size()));
    assertThat(server.createdEventIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(eventIds(sent));
    assertThat(p.stats().sent()).isEqualTo(12);
  }

  @Test
  void aSessionSplitOverSeveralRequestsIsAnnouncedOnceAndItsLinksHold() {
    BatchingSessionProcessor p = processor(defaults().maxBatchEvents(8));
    BatchRequest big = session(30);

    p.onSessionEnd(big);
    assertThat(p.flush(Duration.ofSeconds(20))).isTrue();

    assertThat(server.requests().size()).isGreaterThan(1);
    assertThat(server.announcedSessionIds()).containsExactly(big.sessionId());
    assertThat(server.createdEventIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(eventIds(List.of(big)));
    Map<String, JsonNode> received = new HashMap<>();
    for (ReceivedRequest r : server.requests()) {
      for (JsonNode e : r.json().get("events")) {
        received.put(e.get("event_id").asText(), e);
      }
    }
    for (Event e : big.events()) {
      JsonNode got = received.get(e.eventId());
      assertThat(got.get("parent_id").asText()).isEqualTo(e.parentId());
      assertThat(received).as("parent of %s arrived", e.eventId()).containsKey(e.parentId());
      List<String> children = new ArrayList<>();
      got.get("children_ids").forEach(c -> children.add(c.asText()));
      assertThat(children).containsExactlyElementsOf(e.childrenIds());
    }
  }

  @Test
  void aRejectedKeyStopsTheSendingAndAProbeResumesItWhenTheKeyIsAccepted() {
    AtomicBoolean keyValid = new AtomicBoolean(false);
    AtomicInteger refused = new AtomicInteger();
    server.answerAll(Fault.onArrival(r -> {
      if (keyValid.get()) {
        return null;   // the normal answer
      }
      refused.incrementAndGet();
      return Fault.json(401, "{\"message\":\"Invalid API key\"}");
    }));
    BatchingSessionProcessor p;
    List<BatchRequest> rejectedSessions = new ArrayList<>();
    try (CapturedLog log = CapturedLog.start()) {
      p = processor(defaults().maxBatchEvents(4).authRetryDelay(Duration.ofMillis(300)));
      long start = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        BatchRequest s = session(4);
        rejectedSessions.add(s);
        p.onSessionEnd(s);
        assertThat(p.flush(Duration.ofSeconds(10))).isTrue();
      }
      // twenty requests' worth were dropped, but only the first (and any probe) reached the server
      assertThat(p.stats().rejected()).isEqualTo(80);
      assertThat(p.stats().failed()).isZero();
      // the first request, then at most one probe per 300 ms that passed (however slow this machine)
      long windows = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) / 300 + 1;
      assertThat(refused.get()).isLessThanOrEqualTo((int) (1 + windows));
      assertThat(log.text()).contains("check HH_API_KEY").doesNotContain(HttpExporterTest.KEY);
    }

    keyValid.set(true);
    List<BatchRequest> later = new ArrayList<>();
    await().atMost(Duration.ofSeconds(15)).until(() -> {
      BatchRequest s = session(2);
      later.add(s);
      p.onSessionEnd(s);
      p.flush(Duration.ofSeconds(5));
      return !server.createdEventIds().isEmpty();
    });
    BatchRequest afterResume = session(3);
    p.onSessionEnd(afterResume);
    assertThat(p.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(server.createdEventIds()).containsAll(eventIds(List.of(afterResume)));
    assertThat(server.createdEventIds()).doesNotContainAnyElementsOf(eventIds(rejectedSessions));
  }

  @Test
  void aHugeRetryAfterOrAFarFutureDateDoesNotThrowAndGivesUpWithinTheBudget() {
    server.answerNext(Fault.status(503).withHeader("Retry-After", "99999999999"));
    server.answerNext(Fault.status(429).withHeader("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT"));
    BatchingSessionProcessor p = processor(defaults().maxBatchEvents(2).maxRetryElapsed(Duration.ofSeconds(5)));

    p.onSessionEnd(session(2));
    assertThat(p.flush(Duration.ofSeconds(20))).isTrue();
    p.onSessionEnd(session(2));
    assertThat(p.flush(Duration.ofSeconds(20))).isTrue();

    // each was given up on at once (the server asked for longer than the retry budget)
    assertThat(server.requests()).hasSize(2);
    assertThat(p.stats().failed()).isEqualTo(4);
    try (CapturedLog log = CapturedLog.start()) {
      p.shutdown(Duration.ofSeconds(5));
      // the summary says what was sent and lost, and why
      assertThat(log.linesContaining("HoneyHive export at shutdown")).isEqualTo(1);
      assertThat(log.text()).contains("sent 0 of 4 events").contains("failed: 4")
          .contains("last failure").contains("the server asked to retry after");
    }
  }

  @Test
  void aRequestWhoseTextTakesMoreBytesThanEstimatedIsHalvedToStayUnderTheByteLimit() throws Exception {
    HttpExporter exporter = HttpExporter.builder().apiKey(HttpExporterTest.KEY).apiUrl(server.url())
        .settings(ExportSettings.builder().maxBatchBytes(6000).build()).build();
    try {
      // each event carries 300 characters of three-byte UTF-8: estimates count characters
      List<BatchRequest> sent = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        BatchRequest s = session(2);
        List<Event> events = new ArrayList<>();
        for (Event e : s.events()) {
          events.add(e.toBuilder().inputs(Map.of("text", "\u6f22".repeat(300))).build());
        }
        sent.add(new BatchRequest(events, s.isSingleSession(), s.sessionProperties()));
      }

      exporter.export(sent).get(20, TimeUnit.SECONDS);

      assertThat(server.requests().size()).isGreaterThan(1);
      assertThat(server.requests()).allSatisfy(r -> assertThat(r.body().length).isLessThanOrEqualTo(6000));
      assertThat(server.createdEventIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(eventIds(sent));
      assertThat(server.announcedSessionIds()).hasSize(8).doesNotHaveDuplicates();
    } finally {
      exporter.shutdown();
    }
  }

  @Test
  void eachRequestsRetryBudgetStartsAtItsOwnFirstAttemptSoWaitingForASlotNeverCountsAsFailure() {
    server.answerAll(Fault.delay(Duration.ofMillis(300)));
    // one slot, requests of one session, and a retry budget shorter than the queue takes to drain
    BatchingSessionProcessor p = processor(defaults().maxConcurrentRequests(1).maxBatchEvents(4)
        .maxRetryElapsed(Duration.ofMillis(500)));
    List<BatchRequest> sent = sessions(6, 4);

    sent.forEach(p::onSessionEnd);
    assertThat(p.flush(Duration.ofSeconds(30))).isTrue();

    assertThat(server.requests()).hasSize(6);
    assertThat(p.stats().failed()).isZero();
    assertThat(p.stats().sent()).isEqualTo(24);
    assertThat(server.createdEventIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(eventIds(sent));
  }
}
