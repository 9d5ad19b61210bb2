package ai.honeyhive.aspects;

import ai.honeyhive.SpanKind;
import ai.honeyhive.Context;
import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Session;
import ai.honeyhive.Span;
import ai.honeyhive.internal.TraceContext;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.internal.JsonMappers;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What traced code adds to its event and session appears in the exported JSON at the documented fields. */
class EnrichmentTest {
  private InMemoryExporter exporter;
  private final AsyncFixtures.Enriched enriched = new AsyncFixtures.Enriched();

  @BeforeEach
  void install() {
    exporter = TracingTestSupport.installInMemoryTracer();
  }

  @AfterEach
  void noContextLeftBehind() {
    assertThat(TraceContext.current()).isNull();
  }

  /** The batch as it goes over the wire to POST /events/batch. */
  private JsonNode exportedJson() throws Exception {
    String json = JsonMappers.mapper().writeValueAsString(exporter.batches().get(0));
    return JsonMappers.mapper().readTree(json);
  }

  private static JsonNode event(JsonNode batch, String name) {
    for (JsonNode e : batch.get("events")) {
      if (e.get("event_name").asText().equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no event " + name + " in " + batch);
  }

  @Test
  void eventEnrichmentLandsInMetadataMetricsFeedbackConfigAndUserProperties() throws Exception {
    enriched.handle("the weather?");
    JsonNode chat = event(exportedJson(), "chat");

    assertThat(chat.at("/metadata/prompt_tokens").asLong()).isEqualTo(35);
    assertThat(chat.at("/metadata/completion_tokens").asLong()).isEqualTo(23);
    assertThat(chat.at("/metadata/total_tokens").asLong()).isEqualTo(58);
    assertThat(chat.at("/metadata/cost").asDouble()).isEqualTo(0.00008);
    assertThat(chat.at("/metadata/request_id").asText()).isEqualTo("req-1");
    assertThat(chat.at("/metrics/relevance").asDouble()).isEqualTo(0.9);
    assertThat(chat.at("/feedback/liked").asBoolean()).isTrue();
    assertThat(chat.at("/user_properties/user_id").asText()).isEqualTo("u-42");
    assertThat(chat.at("/config/temperature").asInt()).isZero();
    assertThat(chat.at("/config/model").asText()).as("annotation config kept").isEqualTo("gpt-4o");
    assertThat(chat.at("/outputs/result").asText()).isEqualTo("It is the weather?");
  }

  @Test
  void anOutputSetInsideTheMethodReplacesTheReturnValue() throws Exception {
    String returned = enriched.handle("x");
    assertThat(returned).as("the method's own result is unchanged").isEqualTo("not recorded");
    JsonNode summarize = event(exportedJson(), "summarize");
    assertThat(summarize.get("outputs").size()).isEqualTo(1);
    assertThat(summarize.at("/outputs/summary").asText()).isEqualTo("7 chars");
  }

  @Test
  void sessionEnrichmentLandsInSessionPropertiesAndTheSourceOnEveryEvent() throws Exception {
    enriched.handle("q");
    JsonNode batch = exportedJson();
    JsonNode session = batch.get("session_properties");

    assertThat(session.get("session_name").asText()).isEqualTo("support-conversation");
    assertThat(session.get("source").asText()).isEqualTo("production");
    assertThat(session.at("/metadata/tenant").asText()).isEqualTo("acme");
    assertThat(session.at("/user_properties/user_id").asText()).isEqualTo("u-42");
    assertThat(session.at("/metrics/turns").asInt()).isEqualTo(1);
    assertThat(session.at("/feedback/resolved").asBoolean()).isTrue();
    assertThat(session.at("/config/flow").asText()).isEqualTo("v2");
    assertThat(session.at("/inputs/question").asText()).as("still from the root event").isEqualTo("q");
    for (JsonNode e : batch.get("events")) {
      assertThat(e.get("source").asText()).isEqualTo("production");
    }
  }

  @Test
  void eventsWithoutEnrichmentCarryEmptyObjects() throws Exception {
    new Fixtures.Pipeline().answer("plain");
    JsonNode root = event(exportedJson(), "answer");
    assertThat(root.get("metrics").isObject()).isTrue();
    assertThat(root.get("metrics").size()).isZero();
    assertThat(root.get("feedback").size()).isZero();
    assertThat(root.get("user_properties").size()).isZero();
  }

  @Test
  void outsideATraceEnrichmentIsASilentNoOp() {
    Span span = HoneyHive.currentSpan();
    Session session = HoneyHive.currentSession();
    span.setMetadata("k", "v").setMetric("m", 1).setFeedback("f", true).setUserProperty("u", "x")
        .setConfig("c", 1).setTokenUsage(1, 2).setCost(0.1).setOutput("o").recordError(new RuntimeException());
    session.setMetadata("k", "v").setName("n").setSource("s").setUserProperty("u", 1).setOutput("o");
    session.close();
    span.end();

    assertThat(span.spanId()).isEmpty();
    assertThat(session.sessionId()).isEmpty();
    assertThat(HoneyHive.currentSpan()).as("the same shared no-op every time").isSameAs(span);
    assertThat(Context.current().sessionId()).isEmpty();
    assertThat(Context.current().spanId()).isEmpty();
    assertThat(TraceContext.current()).isNull();
    assertThat(exporter.batches()).isEmpty();
    assertThat(HoneyHive.tracer().internalErrorCount()).isZero();
  }

  @Test
  void insideAnExplicitSessionButNoEventTheSpanIsANoOpAndTheSessionIsReal() {
    try (Session opened = HoneyHive.startCurrentSession("s")) {
      assertThat(HoneyHive.currentSpan().spanId()).isEmpty();
      HoneyHive.currentSession().setMetadata("from", "handle").setFeedback("rating", 5);
      assertThat(Context.current().sessionId()).contains(opened.sessionId());
    }
    assertThat(exporter.batches().get(0).sessionProperties().metadata()).containsEntry("from", "handle");
    assertThat(exporter.batches().get(0).sessionProperties().feedback()).containsEntry("rating", 5);
  }

  @Test
  void enrichmentAfterTheEventEndedIsIgnored() {
    Span[] kept = new Span[1];
    HoneyHive.tracer().trace(ai.honeyhive.SpanKind.TOOL, "t", Map.of(), span -> {
      kept[0] = HoneyHive.currentSpan();
      return null;
    });
    kept[0].setMetadata("late", true);
    assertThat(exporter.events().get(0).metadata()).doesNotContainKey("late");
  }
}
