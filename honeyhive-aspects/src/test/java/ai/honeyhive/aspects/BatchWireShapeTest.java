package ai.honeyhive.aspects;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.internal.JsonMappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A batch produced by real woven calls, serialized as it goes on the wire, against the documented
 * {@code POST /events/batch} example: the same field names, nesting and JSON types.
 */
class BatchWireShapeTest {

  @Test
  void aTracedSessionSerializesExactlyInTheDocumentedShape() throws Exception {
    InMemoryExporter exporter = TracingTestSupport.installInMemoryTracer();
    new Fixtures.Pipeline().answer("what?");
    JsonNode ours = JsonMappers.mapper().valueToTree(exporter.batches().get(0));
    JsonNode documented;
    try (InputStream in = getClass().getResourceAsStream("/documented-batch-request.json")) {
      documented = JsonMappers.mapper().readTree(in);
    }

    assertThat(fields(ours)).isEqualTo(fields(documented));
    assertThat(ours.get("is_single_session").isBoolean()).isTrue();

    JsonNode docEvent = documented.get("events").get(0);
    for (JsonNode event : ours.get("events")) {
      assertThat(fields(event)).isEqualTo(fields(docEvent));
      for (String f : fields(docEvent)) {
        if (!docEvent.get(f).isNull()) {
          assertThat(event.get(f).getNodeType()).as("type of %s", f).isEqualTo(docEvent.get(f).getNodeType());
        }
      }
      assertThat(event.get("start_time").isIntegralNumber()).isTrue();
      assertThat(event.get("end_time").isIntegralNumber()).isTrue();
      assertThat(event.get("duration").isFloatingPointNumber()).isTrue();
      assertThat(event.get("error").isNull()).isTrue();
      assertThat(event.get("start_time").asLong()).isGreaterThan(1_700_000_000_000L);
      assertThat(event.get("event_type").asText()).isIn("chain", "tool", "model");
      for (JsonNode child : event.get("children_ids")) {
        assertThat(child.getNodeType()).isEqualTo(JsonNodeType.STRING);
      }
    }

    JsonNode docSession = documented.get("session_properties");
    JsonNode session = ours.get("session_properties");
    assertThat(fields(session)).containsAll(fields(docSession));
    for (String f : fields(docSession)) {
      if (!docSession.get(f).isNull()) {
        assertThat(session.get(f).getNodeType()).as("type of session %s", f).isEqualTo(docSession.get(f).getNodeType());
      }
    }
    assertThat(session.get("session_id").asText()).isEqualTo(ours.get("events").get(0).get("session_id").asText());
    assertThat(session.get("inputs")).isEqualTo(JsonMappers.mapper().valueToTree(Map.of("question", "what?")));
  }

  private static TreeSet<String> fields(JsonNode node) {
    TreeSet<String> names = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
