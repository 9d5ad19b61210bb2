package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.config.ExportSettings;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.test.ReceivedRequest;
import ai.honeyhive.test.StandInServer;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.internal.JsonSize;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.SessionProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the setters of spans and sessions record at their limits: every value spends the byte
 * budget and the maps stop growing; null keys never lose a session; names are bounded.
 */
@Timeout(120)
class SetterLimitsTest {
  private static final String TRUNCATED = "honeyhive_truncated";

  private final InMemoryExporter exporter = new InMemoryExporter();
  private Tracer tracer;
  private StandInServer server;

  @AfterEach
  void tearDown() {
    if (tracer != null) {
      tracer.shutdown(Duration.ofSeconds(5));
    }
    if (server != null) {
      server.close();
    }
  }

  private Tracer inMemory(int maxEventBytes) {
    TracerSettings settings = TracerSettings.builder().exportConsole(false).exportFile(null).maxEventBytes(maxEventBytes).build();
    tracer = Tracer.builder().config(HoneyHiveConfig.builder().project("p").build()).settings(settings)
        .synchronousExporter(exporter).build();
    return tracer;
  }

  private Tracer toServer() throws Exception {
    server = StandInServer.start();
    HoneyHiveConfig config = HoneyHiveConfig.builder()
        .apiKey("hh-limits-key").project("p").source("test").apiUrl(server.url().toString())
        .export(ExportSettings.builder().scheduleDelay(Duration.ofMillis(10))).build();
    tracer = Tracer.create(config);
    return tracer;
  }

  private Event onlyEvent() {
    assertThat(exporter.batches()).hasSize(1);
    assertThat(exporter.batches().get(0).events()).hasSize(1);
    return exporter.batches().get(0).events().get(0);
  }

  private static int truncated(Map<String, Object> metadata) {
    Object n = metadata.get(TRUNCATED);
    return n instanceof Integer i ? i : 0;
  }

  // ---- the budget: every value spends it, and the maps stop growing

  @Test
  void aSpanGiven200000MetadataEntriesHoldsABoundedNumberAndCountsTheRest() throws Exception {
    int maxEventBytes = TracerSettings.DEFAULT_MAX_EVENT_BYTES;
    inMemory(maxEventBytes);
    Span span = tracer.startSpan(SpanKind.CHAIN, "many");
    for (int i = 0; i < 200_000; i++) {
      span.setMetadata("k" + i, "v" + i);
    }
    span.end();

    Event e = onlyEvent();
    int kept = e.metadata().size() - 1;
    assertThat(kept).as("entries kept").isBetween(1_000, 30_000);
    assertThat(e.metadata().get("k0")).isEqualTo("v0");
    assertThat(e.metadata().get("k999")).isEqualTo("v999");
    assertThat(e.metadata().containsKey("k199999")).isFalse();
    assertThat(truncated(e.metadata())).as("entries left out, counted").isEqualTo(200_000 - kept);
    assertThat(JsonSize.of(e)).isLessThanOrEqualTo(maxEventBytes);
  }

  @Test
  void integersLongsAndBooleansSpendTheBudgetToo() throws Exception {
    inMemory(4_096);
    Span span = tracer.startSpan(SpanKind.TOOL, "numbers");
    for (int i = 0; i < 10_000; i++) {
      span.setMetric("i" + i, i);
      span.setMetric("l" + i, (long) i);
      span.setMetric("b" + i, i % 2 == 0);
    }
    span.end();

    Event e = onlyEvent();
    assertThat(e.metrics().size()).as("entries kept of 30,000").isBetween(100, 400);
    assertThat(e.metrics().get("i0")).isEqualTo(0);
    assertThat(e.metrics().get("l0")).isEqualTo(0L);
    assertThat(e.metrics().get("b0")).isEqualTo(true);
    assertThat(truncated(e.metadata())).isEqualTo(30_000 - e.metrics().size());
    assertThat(JsonSize.of(e)).isLessThanOrEqualTo(4_096);
  }

  @Test
  void everyMapOfASpanStopsGrowingOnTheSameBudget() {
    inMemory(4_096);
    Span span = tracer.startSpan(SpanKind.TOOL, "all maps");
    for (int i = 0; i < 2_000; i++) {
      span.setInput("in" + i, i);
      span.setConfig("c" + i, i);
      span.setFeedback("f" + i, i);
      span.setUserProperty("u" + i, i);
    }
    span.end();

    Event e = onlyEvent();
    int kept = e.inputs().size() + e.config().size() + e.feedback().size() + e.userProperties().size();
    assertThat(kept).isBetween(50, 400);
    assertThat(e.inputs().get("in0")).isEqualTo(0);
    assertThat(truncated(e.metadata())).isEqualTo(8_000 - kept);
  }

  @Test
  void aKeyAlreadyThereCanBeGivenNewValuesAfterTheBudgetIsSpent() {
    inMemory(4_096);
    Span span = tracer.startSpan(SpanKind.TOOL, "overwrite");
    span.setMetadata("status", "starting");
    for (int i = 0; i < 1_000; i++) {
      span.setMetadata("filler" + i, i);   // spends the budget
    }
    span.setMetadata("status", "done");
    span.end();

    Event e = onlyEvent();
    assertThat(e.metadata().get("status")).isEqualTo("done");
    assertThat(e.metadata().containsKey("filler999")).isFalse();
    assertThat(truncated(e.metadata())).isPositive();
  }

  @Test
  void replacingAValueGivesBackWhatTheOldOneTook() {
    inMemory(4_096);
    Span span = tracer.startSpan(SpanKind.TOOL, "progress");
    for (int i = 0; i < 100_000; i++) {
      span.setMetric("step", i);
      span.setOutput("partial " + i);
      span.setMetadata("last", "item " + i);
    }
    span.setMetadata("finished", true);
    span.end();

    Event e = onlyEvent();
    assertThat(e.metrics()).containsExactly(Map.entry("step", 99_999));
    assertThat(e.outputs()).containsExactly(Map.entry("result", "partial 99999"));
    assertThat(e.metadata()).containsEntry("last", "item 99999").containsEntry("finished", true);
    assertThat(e.metadata()).doesNotContainKey(TRUNCATED);
  }

  @Test
  void aSessionsOwnMapsStopGrowingTooAndCountWhatWasLeftOut() throws Exception {
    inMemory(TracerSettings.DEFAULT_MAX_EVENT_BYTES);
    try (Session session = tracer.startCurrentSession("big session")) {
      for (int i = 0; i < 200_000; i++) {
        session.setMetadata("k" + i, i);
      }
      session.setMetadata("k0", 42);
      tracer.trace(SpanKind.TOOL, "step", Map.of(), s -> "ok");
    }

    assertThat(exporter.batches()).hasSize(1);
    SessionProperties props = exporter.batches().get(0).sessionProperties();
    int kept = props.metadata().size() - 1;
    assertThat(kept).isBetween(1_000, 30_000);
    assertThat(props.metadata().get("k0")).as("a key already there takes a new value").isEqualTo(42);
    assertThat(props.metadata().get("k1")).isEqualTo(1);
    assertThat(truncated(props.metadata())).isEqualTo(200_000 - kept);
    assertThat(JsonSize.of(props)).isLessThanOrEqualTo(6L * TracerSettings.DEFAULT_MAX_EVENT_BYTES);
  }

  // ---- null keys: recorded as "null", the session delivered

  @Test
  void nullKeysGivenToAnySetterNeverLoseTheSession() throws Exception {
    toServer();
    Map<String, Object> withNullKey = new HashMap<>();
    withNullKey.put(null, "from a map");
    withNullKey.put("ok", 1);

    try (Session session = tracer.startCurrentSession("null keys", withNullKey)) {
      session.setInput(null, "s-in").setConfig(null, "s-config").setMetadata(null, "s-meta")
          .setMetric(null, 1).setFeedback(null, true).setUserProperty(null, "s-user");
      tracer.trace(SpanKind.CHAIN, "traced", withNullKey, span -> {
        span.setInput(null, "e-in").setConfig(null, "e-config").setMetadata(null, "e-meta")
            .setMetric(null, 2).setFeedback(null, false).setUserProperty(null, "e-user")
            .setMetadata("nested", withNullKey);
        return "done";
      });
      Span api = tracer.startSpan(SpanKind.TOOL, "api");
      api.setInputs(withNullKey);
      api.end();
    }

    assertThat(tracer.flush(Duration.ofSeconds(10))).isTrue();
    JsonNode session = announcing();
    List<JsonNode> events = server.createdEvents();
    assertThat(session.path("session_name").asText()).isEqualTo("null keys");
    assertThat(session.path("metadata").path("null").asText()).isEqualTo("s-meta");
    assertThat(session.path("config").path("null").asText()).isEqualTo("s-config");
    assertThat(session.path("metrics").path("null").asInt()).isEqualTo(1);
    assertThat(session.path("feedback").path("null").asBoolean()).isTrue();
    assertThat(session.path("user_properties").path("null").asText()).isEqualTo("s-user");
    assertThat(session.path("inputs").path("null").asText()).as("the last value under null wins").isEqualTo("s-in");
    assertThat(session.path("inputs").path("ok").asInt()).isEqualTo(1);

    JsonNode traced = eventNamed(events, "traced");
    assertThat(traced.path("inputs").path("null").asText()).isEqualTo("e-in");
    assertThat(traced.path("config").path("null").asText()).isEqualTo("e-config");
    assertThat(traced.path("metadata").path("null").asText()).isEqualTo("e-meta");
    assertThat(traced.path("metadata").path("nested").path("null").asText()).isEqualTo("from a map");
    assertThat(traced.path("metrics").path("null").asInt()).isEqualTo(2);
    assertThat(traced.path("feedback").path("null").asBoolean()).isFalse();
    assertThat(traced.path("user_properties").path("null").asText()).isEqualTo("e-user");
    assertThat(eventNamed(events, "api").path("inputs").path("null").asText()).isEqualTo("from a map");
  }

  private static JsonNode eventNamed(List<JsonNode> events, String name) {
    for (JsonNode e : events) {
      if (e.path("event_name").asText().equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no event " + name);
  }

  /** The session's own record, from its announcing {@code session} event, under the names of {@code session_properties}. */
  private JsonNode announcing() {
    return server.awaitSessions(1, Duration.ofSeconds(20)).get(0).properties();
  }

  // ---- every string we send is bounded

  @Test
  void aSessionNameOf4Point5MegabytesStillGoesOutWithinTheBatchByteLimit() throws Exception {
    toServer();
    String huge = "n".repeat(4_500_000);
    try (Session session = tracer.startCurrentSession(huge)) {
      session.setSource("s".repeat(2_000_000));
      tracer.trace(SpanKind.MODEL, "e".repeat(3_000_000), Map.of(), span -> "ok");
      Span api = tracer.startSpan(SpanKind.TOOL, "x".repeat(1_000_000));
      api.recordError(new IllegalStateException("m".repeat(5_000_000)));
      api.end();
    }

    assertThat(tracer.flush(Duration.ofSeconds(20))).isTrue();
    server.awaitRequests(1, Duration.ofSeconds(20));
    for (ReceivedRequest r : server.requests()) {
      long bytes = r.body().length;
      assertThat(bytes).as("request bytes").isLessThanOrEqualTo(ExportSettings.builder().build().maxBatchBytes());
      assertThat(longestString(r.json())).as("longest string in a request").isLessThanOrEqualTo(
          TracerSettings.DEFAULT_MAX_STRING_LENGTH + 40);
    }
    JsonNode session = announcing();
    String name = session.path("session_name").asText();
    assertThat(name).startsWith("nnnn").hasSizeLessThanOrEqualTo(1_100).endsWith("[truncated: 4500000 chars]");
    assertThat(session.path("source").asText()).hasSizeLessThanOrEqualTo(1_100);
    assertThat(session.path("metadata").path(TRUNCATED).asInt()).isEqualTo(2);
    List<JsonNode> events = server.createdEvents();
    assertThat(events).hasSize(2);
    for (JsonNode e : events) {
      assertThat(e.path("event_name").asText()).hasSizeLessThanOrEqualTo(1_100);
      assertThat(e.path("source").asText()).hasSizeLessThanOrEqualTo(1_100);
      assertThat(e.path("metadata").path(TRUNCATED).asInt()).as("cuts counted in %s", e).isPositive();
    }
  }

  private static int longestString(JsonNode node) {
    int longest = 0;
    if (node.isTextual()) {
      return node.asText().length();
    }
    var names = node.fieldNames();
    while (names.hasNext()) {
      longest = Math.max(longest, names.next().length());
    }
    for (JsonNode child : node) {
      longest = Math.max(longest, longestString(child));
    }
    return longest;
  }

  @Test
  void anImplicitSessionNamedAfterAHugeRootEventNameIsBoundedToo() {
    inMemory(TracerSettings.DEFAULT_MAX_EVENT_BYTES);
    tracer.trace(SpanKind.CHAIN, "r".repeat(2_000_000), Map.of(), span -> "ok");

    assertThat(exporter.batches()).hasSize(1);
    SessionProperties props = exporter.batches().get(0).sessionProperties();
    assertThat(props.sessionName()).hasSizeLessThanOrEqualTo(1_100).endsWith("[truncated: 2000000 chars]");
    assertThat(truncated(props.metadata())).isEqualTo(1);
    Event root = exporter.batches().get(0).events().get(0);
    assertThat(root.eventName()).isEqualTo(props.sessionName());
    assertThat(truncated(root.metadata())).isEqualTo(1);
  }

  @Test
  void longKeysAreCutToo() {
    inMemory(TracerSettings.DEFAULT_MAX_EVENT_BYTES);
    Span span = tracer.startSpan(SpanKind.TOOL, "keys");
    span.setMetadata("k".repeat(100_000), "v");
    span.end();

    Event e = onlyEvent();
    String key = e.metadata().keySet().stream().filter(k -> k.startsWith("kkk")).findFirst().orElseThrow();
    assertThat(key).hasSizeLessThanOrEqualTo(1_100).endsWith("[truncated: 100000 chars]");
    assertThat(e.metadata()).containsEntry(key, "v").containsEntry(TRUNCATED, 1);
  }

}
