package ai.honeyhive.transport.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.transport.internal.BatchResponse;
import ai.honeyhive.transport.internal.JsonMappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON examples of shared/api, copied into test resources, against our types. */
class DocumentedExamplesTest {
  private final ObjectMapper mapper = JsonMappers.mapper();

  private JsonNode doc(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/api/" + name)) {
      return mapper.readTree(in);
    }
  }

  @Test
  void theBatchRequestExampleRoundTripsWithoutLosingAField() throws Exception {
    JsonNode documented = doc("events-batch-request.json");
    BatchRequest parsed = mapper.treeToValue(documented, BatchRequest.class);
    JsonNode written = mapper.valueToTree(parsed);

    assertThat(written).isEqualTo(documented);
    Event e = parsed.events().get(0);
    assertThat(e.eventType()).isEqualTo(EventType.MODEL);
    assertThat(e.startTime()).isEqualTo(1714978764301L);
    assertThat(e.duration()).isEqualTo(999.8056);
    assertThat(e.childrenIds()).isEmpty();
    assertThat(e.error()).isNull();
    assertThat(parsed.isSingleSession()).isTrue();
    assertThat(parsed.sessionProperties().sessionName()).isEqualTo("Playground Session");
    assertThat(parsed.sessionId()).isEqualTo("caf77ace-3417-4da4-944d-f4a0688f3c23");
  }

  @Test
  void theBatchResponseExampleParses() throws Exception {
    BatchResponse r = mapper.treeToValue(doc("events-batch-response.json"), BatchResponse.class);
    assertThat(r.success()).isTrue();
    assertThat(r.sessionId()).isEqualTo("caf77ace-3417-4da4-944d-f4a0688f3c23");
    assertThat(r.eventIds()).hasSize(2);
  }

  @Test
  void theExportExampleParsesWithDateStringTimesAndKeepsEveryField() throws Exception {
    JsonNode documented = doc("events-export-response.json").get("events").get(0);
    Event e = mapper.treeToValue(documented, Event.class);

    assertThat(e.projectId()).isEqualTo("New Project");
    assertThat(e.startTime()).as("2024-04-01 22:38:19 UTC").isEqualTo(1712011099000L);
    assertThat(e.endTime()).isEqualTo(1712011099000L);
    assertThat(e.metrics()).containsEntry("Number of words", 18);
    JsonNode written = mapper.valueToTree(e);
    assertThat(fieldNames(written)).containsExactlyInAnyOrderElementsOf(fieldNames(documented));
    for (String field : fieldNames(documented)) {
      if (!field.endsWith("_time")) {
        assertThat(written.get(field)).as(field).isEqualTo(documented.get(field));
      }
    }
  }

  @Test
  void theSessionExampleParsesAsAnEvent() throws Exception {
    Event e = mapper.treeToValue(doc("session-get-response.json"), Event.class);
    assertThat(e.sessionId()).isEqualTo("caf77ace-3417-4da4-944d-f4a0688f3c23");
    assertThat(e.config()).containsEntry("provider", "openai");
    assertThat(e.startTime()).isEqualTo(1712011099000L);
  }

  @Test
  void readsLeniently() throws Exception {
    Event e = mapper.readValue("{\"event_type\":\"agent\",\"brand_new_field\":{\"x\":1},"
        + "\"start_time\":\"1714978764301\",\"end_time\":1714978765301.7,\"duration\":12}", Event.class);
    assertThat(e.eventType()).isEqualTo(EventType.UNKNOWN);
    assertThat(e.startTime()).isEqualTo(1714978764301L);
    assertThat(e.endTime()).isEqualTo(1714978765302L);
    assertThat(e.duration()).isEqualTo(12.0);
  }

  @Test
  void parsesEveryTimestampShape() {
    assertThat(EpochMillisDeserializer.parse("2024-04-01 22:38:19")).isEqualTo(1712011099000L);
    assertThat(EpochMillisDeserializer.parse("2024-04-01 22:38:19.250")).isEqualTo(1712011099250L);
    assertThat(EpochMillisDeserializer.parse("2024-04-01T22:38:19Z")).isEqualTo(1712011099000L);
    assertThat(EpochMillisDeserializer.parse("2024-04-01T22:38:19.5Z")).isEqualTo(1712011099500L);
    assertThat(EpochMillisDeserializer.parse("2024-04-01T23:38:19+01:00")).isEqualTo(1712011099000L);
    assertThat(EpochMillisDeserializer.parse("2024-04-01T22:38:19")).isEqualTo(1712011099000L);
    assertThat(EpochMillisDeserializer.parse("1712011099000")).isEqualTo(1712011099000L);
    assertThat(EpochMillisDeserializer.parse("yesterday")).isNull();
    assertThat(EpochMillisDeserializer.parse("")).isNull();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
