package ai.honeyhive.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.ExportSettings;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.test.Fault;
import ai.honeyhive.test.ReceivedRequest;
import ai.honeyhive.test.StandInServer;
import ai.honeyhive.transport.internal.BatchResponse;
import ai.honeyhive.transport.internal.JsonMappers;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HoneyHiveClientTest {
  private static final String KEY = "hh-reader-key-81b3f0";

  private final StandInServer server = StandInServer.start();
  private final HoneyHiveClient client = HoneyHiveClient.create(config(server));

  @AfterEach
  void tearDown() {
    client.close();
    server.close();
  }

  static HoneyHiveConfig config(StandInServer server) {
    return HoneyHiveConfig.builder()
        .apiKey(KEY)
        .project("New Project")
        .apiUrl(server.url().toString())
        .export(ExportSettings.builder()
            .initialBackoff(Duration.ofMillis(5))
            .maxBackoff(Duration.ofMillis(20))
            .requestTimeout(Duration.ofSeconds(5)))
        .build();
  }

  static JsonNode resource(String name) throws Exception {
    try (InputStream in = HoneyHiveClientTest.class.getResourceAsStream("/api/" + name)) {
      return JsonMappers.mapper().readTree(in);
    }
  }

  @Test
  void exportSendsTheDocumentedBodyAndReadsTheDocumentedResponse() throws Exception {
    server.answerNext(Fault.json(200, resource("events-export-response.json").toString()));
    EventQuery query = EventQuery.builder()
        .project("New Project")
        .filter("event_type", FilterOperator.IS, "model")
        .filter(EventFilter.of("metadata.cost", FilterOperator.GREATER_THAN, 0.00005))
        .dateRange(Instant.parse("2024-04-01T00:00:00Z"), Instant.parse("2024-04-02T22:38:19.5Z"))
        .projections("event_id", "inputs")
        .limit(500)
        .page(2)
        .build();

    EventPage page = client.queryEvents(query);

    ReceivedRequest r = server.requests().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/events/export");
    assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.json()).isEqualTo(JsonMappers.mapper().readTree("""
        {"project": "New Project",
         "filters": [
           {"field": "event_type", "operator": "is", "value": "model", "type": "string"},
           {"field": "metadata.cost", "operator": "greater than", "value": "0.00005", "type": "number"}],
         "dateRange": {"$gte": "2024-04-01T00:00:00.000Z", "$lte": "2024-04-02T22:38:19.500Z"},
         "projections": ["event_id", "inputs"],
         "limit": 500,
         "page": 2}"""));
    // the same names, nesting and types as the documented request
    JsonNode documented = resource("events-export-request.json");
    assertThat(r.json().fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(() -> documented.fieldNames());
    assertThat(r.json().get("filters").get(0).fieldNames()).toIterable()
        .containsExactlyInAnyOrderElementsOf(() -> documented.get("filters").get(0).fieldNames());
    assertThat(r.json().get("dateRange").fieldNames()).toIterable()
        .containsExactlyInAnyOrderElementsOf(() -> documented.get("dateRange").fieldNames());
    for (String numeric : List.of("limit", "page")) {
      assertThat(r.json().get(numeric).isNumber()).isEqualTo(documented.get(numeric).isNumber()).isTrue();
    }

    assertThat(page.totalEvents()).isEqualTo(123);
    assertThat(page.page()).isEqualTo(2);
    Event e = page.events().get(0);
    assertThat(e.eventType()).isEqualTo(EventType.MODEL);
    assertThat(e.eventName()).isEqualTo("Model Completion");
    assertThat(e.projectId()).isEqualTo("New Project");
    assertThat(e.sessionId()).isEqualTo("caf77ace-3417-4da4-944d-f4a0688f3c23");
    assertThat(e.eventId()).isEqualTo("7f22137a-6911-4ed3-bc36-110f1dde6b66");
    assertThat(e.childrenIds()).isEmpty();
    assertThat(e.startTime()).isEqualTo(Instant.parse("2024-04-01T22:38:19Z").toEpochMilli());
    assertThat(e.endTime()).isEqualTo(Instant.parse("2024-04-01T22:38:19Z").toEpochMilli());
    assertThat(e.duration()).isEqualTo(824.8056);
    assertThat(e.config()).containsEntry("model", "gpt-3.5-turbo");
    assertThat(e.metadata()).containsEntry("total_tokens", 58);
    assertThat(e.error()).isNull();
  }

  @Test
  void readsLenientlyEpochMillisAndUnknownFields() {
    server.answerNext(Fault.json(200, """
        {"events": [{"event_id": "e1", "event_type": "session", "start_time": 1714978764301,
                     "end_time": "1714978765301", "brand_new_field": {"x": 1}}],
         "totalEvents": 1, "cursor": "abc"}"""));

    EventPage page = client.queryEvents(EventQuery.builder().project("p").build());

    Event e = page.events().get(0);
    assertThat(e.eventType()).isEqualTo(EventType.SESSION);
    assertThat(e.startTime()).isEqualTo(1714978764301L);
    assertThat(e.endTime()).isEqualTo(1714978765301L);
  }

  @Test
  void streamingWalksEveryPage() {
    List<String> all = List.of("e1", "e2", "e3", "e4", "e5");
    server.answerAll(Fault.onArrival(r -> page(all, r, true)));

    List<String> ids = client.streamEvents(EventQuery.builder().project("p").limit(2).build())
        .map(Event::eventId).toList();

    assertThat(ids).containsExactlyElementsOf(all);
    assertThat(server.requests()).extracting(r -> r.json().get("page").asInt()).containsExactly(1, 2, 3);
    assertThat(server.requests()).allSatisfy(r -> assertThat(r.json().get("limit").asInt()).isEqualTo(2));
  }

  @Test
  void pagesStartAtTheQuerysPageAndStopAtAShortPageWhenNoTotalIsGiven() {
    List<String> all = List.of("e1", "e2", "e3", "e4", "e5", "e6", "e7");
    server.answerAll(Fault.onArrival(r -> page(all, r, false)));

    Iterator<EventPage> pages = client.pages(EventQuery.builder().project("p").limit(3).page(2).build());
    List<EventPage> seen = new ArrayList<>();
    pages.forEachRemaining(seen::add);

    assertThat(seen).extracting(EventPage::page).containsExactly(2, 3);
    assertThat(seen.get(1).events()).extracting(Event::eventId).containsExactly("e7");
    assertThat(seen.get(0).totalEvents()).isEqualTo(-1);
  }

  @Test
  void anEmptyResultIsOnePageWithNothing() {
    server.answerNext(Fault.json(200, "{\"events\": [], \"totalEvents\": 0}"));

    assertThat(client.streamEvents(EventQuery.builder().project("p").build())).isEmpty();
    assertThat(server.requests()).hasSize(1);
  }

  /** A page of {@code all} as the request asks for it, with or without totalEvents. */
  private static Fault page(List<String> all, ReceivedRequest r, boolean withTotal) {
    int limit = r.json().get("limit").asInt();
    int page = r.json().get("page").asInt();
    ObjectNode body = JsonMappers.mapper().createObjectNode();
    ArrayNode events = body.putArray("events");
    for (int i = (page - 1) * limit; i < Math.min(all.size(), page * limit); i++) {
      events.addObject().put("event_id", all.get(i)).put("event_type", "tool");
    }
    if (withTotal) {
      body.put("totalEvents", all.size());
    }
    return Fault.json(200, body.toString());
  }

  @Test
  void getSessionReadsTheDocumentedResponse() throws Exception {
    server.answerNext(Fault.json(200, resource("session-get-response.json").toString()));

    Event session = client.getSession("caf77ace-3417-4da4-944d-f4a0688f3c23");

    ReceivedRequest r = server.requests().get(0);
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.path()).isEqualTo("/session/caf77ace-3417-4da4-944d-f4a0688f3c23");
    assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(session.sessionId()).isEqualTo("caf77ace-3417-4da4-944d-f4a0688f3c23");
    assertThat(session.projectId()).isEqualTo("65e0fc2d6a2eb95f55a92cbc");
    assertThat(session.eventType()).isEqualTo(EventType.MODEL);
    assertThat(session.startTime()).isEqualTo(Instant.parse("2024-04-01T22:38:19Z").toEpochMilli());
    assertThat(session.userProperties()).containsEntry("user", "google-oauth2|111840237613341303366");
  }

  @Test
  void getSessionEscapesTheId() {
    server.answerNext(Fault.json(200, "{\"session_id\": \"a b/c\"}"));

    client.getSession("a b/c");

    assertThat(server.requests().get(0).path()).isEqualTo("/session/a%20b%2Fc");
  }

  @Test
  void anUnknownSessionIsA404WithTheServersMessage() {
    server.answerNext(Fault.json(404, "{\"message\": \"Session not found\"}"));

    ApiException e = catchThrowableOfType(ApiException.class, () -> client.getSession("nope"));

    assertThat(e.status()).isEqualTo(404);
    assertThat(e.serverMessage()).contains("Session not found");
    assertThat(e.request()).isEqualTo("GET /session/nope");
    assertThat(e.getMessage()).contains("HTTP 404").contains("Session not found");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void unauthorizedSaysToCheckTheKeyWithoutShowingIt() {
    server.answerNext(Fault.json(401, "{\"error\": \"bad key " + KEY + "\"}"));

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> client.queryEvents(EventQuery.builder().project("p").build()));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage()).contains("HH_API_KEY").doesNotContain(KEY);
    assertThat(e.serverMessage().orElseThrow()).doesNotContain(KEY);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void transientFailuresAreRetried() {
    server.answerNext(Fault.status(503), Fault.status(429).withHeader("Retry-After", "0"), Fault.reset(),
        Fault.json(200, "{\"events\": [], \"totalEvents\": 0}"));

    EventPage page = client.queryEvents(EventQuery.builder().project("p").build());

    assertThat(page.totalEvents()).isZero();
    assertThat(server.requests()).hasSize(4);
  }

  @Test
  void failingForGoodCarriesTheLastStatus() {
    server.answerAll(Fault.json(502, "{\"message\": \"upstream down\"}"));

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> client.queryEvents(EventQuery.builder().project("p").build()));

    assertThat(e.status()).isEqualTo(502);
    assertThat(e.getMessage()).contains("after 5 attempts").contains("upstream down");
  }

  @Test
  void anUnreadableBodyIsAnApiException() {
    server.answerNext(Fault.respond(200, "text/plain", "<html>gateway</html>"));

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> client.queryEvents(EventQuery.builder().project("p").build()));

    assertThat(e.getMessage()).contains("could not be read");
  }

  @Test
  void invalidQueriesFailBeforeAnyRequestSayingWhatToFix() {
    assertThat(catchThrowable(() -> EventQuery.builder().limit(10).build()))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("needs a project");
    assertThat(catchThrowable(() -> EventQuery.builder().project(" ")))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("project must not be blank");
    assertThat(catchThrowable(() -> EventQuery.builder().limit(0)))
        .isInstanceOf(InvalidQueryException.class).hasMessage("limit must be between 1 and 7500 (the API's largest page), but was 0");
    assertThat(catchThrowable(() -> EventQuery.builder().limit(10_000)))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("but was 10000");
    assertThat(catchThrowable(() -> EventQuery.builder().page(0)))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("page must be 1 or more");
    assertThat(catchThrowable(() -> EventQuery.builder().filter("event_type", "equals", "model", "string")))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessage("unknown filter operator 'equals'; use one of: is, is not, contains, not contains, greater than");
    assertThat(catchThrowable(() -> EventQuery.builder().filter("event_type", "is", "model", "text")))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("use one of: string, number, boolean, id");
    assertThat(catchThrowable(() -> EventQuery.builder().filter("metadata.cost", "greater than", "cheap", "number")))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("is not a number");
    assertThat(catchThrowable(() -> EventQuery.builder().filter(" ", FilterOperator.IS, "x")))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("needs a field");
    assertThat(catchThrowable(() -> EventQuery.builder().projections("event_id", "")))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("blank");
    assertThat(catchThrowable(() -> EventQuery.builder()
        .dateRange(Instant.parse("2024-04-02T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z"))))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("is after");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void operatorsAndTypesInTheApisSpellingAreAccepted() {
    EventQuery q = EventQuery.builder().project("p")
        .filter("event_name", " Not  Contains ", "x", "STRING")
        .filter("metadata.ok", "is", "true", "boolean")
        .filter("session_id", "is not", "65e0fc2d6a2eb95f55a92cbc", "id")
        .build();

    assertThat(q.filters()).extracting(EventFilter::operator)
        .containsExactly(FilterOperator.NOT_CONTAINS, FilterOperator.IS, FilterOperator.IS_NOT);
    assertThat(q.filters()).extracting(EventFilter::type)
        .containsExactly(FilterType.STRING, FilterType.BOOLEAN, FilterType.ID);
  }

  @Test
  void aClientNeedsAnApiKey() {
    HoneyHiveConfig noKey = HoneyHiveConfig.builder().build();
    assertThat(catchThrowable(() -> HoneyHiveClient.create(noKey)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("HH_API_KEY");
  }

  @Test
  void theKeyIsNotInToString() {
    assertThat(client.toString()).contains(server.url().toString()).doesNotContain(KEY);
  }

  @Test
  void theDocumentedBatchResponsesParse() throws Exception {
    BatchResponse ok = JsonMappers.mapper().treeToValue(resource("events-batch-response.json"), BatchResponse.class);
    assertThat(ok.eventIds()).containsExactly("7f22137a-6911-4ed3-bc36-110f1dde6b66", "7f22137a-6911-4ed3-bc36-110f1dde6b67");
    assertThat(ok.sessionId()).isEqualTo("caf77ace-3417-4da4-944d-f4a0688f3c23");
    assertThat(ok.success()).isTrue();

    BatchResponse partial = JsonMappers.mapper().treeToValue(resource("events-batch-partial-500.json"), BatchResponse.class);
    assertThat(partial.eventIds()).hasSize(2);
    assertThat(partial.errors()).containsExactly("Could not create event due to missing inputs",
        "Could not create event due to missing source");
  }
}
