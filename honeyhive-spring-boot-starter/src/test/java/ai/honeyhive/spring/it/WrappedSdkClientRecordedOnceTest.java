package ai.honeyhive.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.honeyhive.Tracer;
import ai.honeyhive.test.HoneyHiveStandIn;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Spring AI's OpenAI model on an OpenAI SDK client wrapped by {@code HoneyHiveOpenAI.wrap}: each
 * model call is seen by the starter's observation handler and by the wrapper, and must reach
 * HoneyHive once, as the handler's event (the framework's view of the call), in the same tree.
 * Streamed calls: {@link WrappedSdkClientStreamingTest}.
 */
@SpringBootTest(classes = {AssistantApp.class, WrappedClientConfig.class})
@DirtiesContext
@Timeout(60)
class WrappedSdkClientRecordedOnceTest {
  static final StandIns SERVERS = StandIns.withOpenAi();
  static final HoneyHiveStandIn HONEYHIVE = SERVERS.honeyhive();
  static final OpenAiStub OPENAI = SERVERS.openai();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    SERVERS.register(r);
  }

  @AfterAll
  static void stop() {
    SERVERS.close();
  }

  @Autowired
  AssistantApp.Assistant assistant;
  @Autowired
  OpenAIClient wrapped;
  @Autowired
  Tracer tracer;

  @Test
  void aChatClientCallWithAToolIsTwoModelEventsNotFour() {
    int requestsBefore = OPENAI.requests.size();
    assertThat(assistant.ask("What is the weather in Paris?")).isEqualTo(OpenAiStub.FINAL_ANSWER);
    assertThat(OPENAI.requests.size() - requestsBefore).as("model calls the stub answered").isEqualTo(2);
    List<JsonNode> tree = sessionOf("ask");

    JsonNode client = only(tree, "chain", "chat_client");
    List<JsonNode> models = ofType(tree, "model");
    assertThat(models).as("model events in " + tree).hasSize(2);
    for (JsonNode model : models) {
      // the handler's events, with Spring AI's view of the call, under the ChatClient call
      assertThat(model.path("parent_id").asText()).isEqualTo(client.path("event_id").asText());
      assertThat(model.path("config").path("model").asText()).isEqualTo(OpenAiStub.MODEL);
    }
    assertThat(ofType(tree, "tool")).hasSize(1);
    assertThat(models.get(1).path("outputs").path("content").asText()).isEqualTo(OpenAiStub.FINAL_ANSWER);
  }

  @Test
  void theWrappedClientCalledDirectlyStillRecordsItsCall() {
    // without this, "one event" above could mean the wrapper records nothing at all
    int before = ofType(WireEvents.of(HONEYHIVE), "model").size();
    wrapped.chat().completions().create(ChatCompletionCreateParams.builder()
        .model(OpenAiStub.MODEL).addUserMessage("direct").build());
    assertThat(tracer.flush(Duration.ofSeconds(10))).isTrue();
    await().untilAsserted(() -> assertThat(ofType(WireEvents.of(HONEYHIVE), "model")).hasSize(before + 1));
  }

  private List<JsonNode> sessionOf(String root) {
    return sessionOf(HONEYHIVE, tracer, root);
  }

  /** The events of the session whose root is the traced method {@code root}, once all have arrived. */
  static List<JsonNode> sessionOf(HoneyHiveStandIn honeyhive, Tracer tracer, String root) {
    assertThat(tracer.flush(Duration.ofSeconds(10))).isTrue();
    JsonNode r = await().until(() -> WireEvents.of(honeyhive).stream()
        .filter(e -> root.equals(e.path("event_name").asText())).findFirst().orElse(null), e -> e != null);
    String session = r.path("session_id").asText();
    return WireEvents.of(honeyhive).stream().filter(e -> session.equals(e.path("session_id").asText())).toList();
  }

  static List<JsonNode> ofType(List<JsonNode> events, String type) {
    return events.stream().filter(e -> type.equals(e.path("event_type").asText())).toList();
  }

  private static JsonNode only(List<JsonNode> events, String type, String name) {
    List<JsonNode> found = events.stream()
        .filter(e -> type.equals(e.path("event_type").asText()) && name.equals(e.path("event_name").asText())).toList();
    assertThat(found).as(type + " " + name + " in " + events).hasSize(1);
    return found.get(0);
  }
}
