package ai.honeyhive.spring.it;

import static ai.honeyhive.spring.it.WrappedSdkClientRecordedOnceTest.ofType;
import static ai.honeyhive.spring.it.WrappedSdkClientRecordedOnceTest.sessionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.honeyhive.Tracer;
import ai.honeyhive.test.HoneyHiveStandIn;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Hooks;

/**
 * A streamed Spring AI call on a wrapped OpenAI SDK async client is one model event when Reactor
 * carries the observation to where the stream is subscribed ({@code spring.reactor.context-propagation=auto}):
 * Spring AI then opens the model observation's scope around the SDK call, and the handler makes the
 * event current there. Without it Spring AI opens no scope around that call, so the wrapper cannot
 * tell it is under Spring AI (docs/spring-boot.md says so).
 */
@SpringBootTest(classes = {AssistantApp.class, WrappedClientConfig.class})
@DirtiesContext
@Timeout(60)
class WrappedSdkClientStreamingTest {
  static final StandIns SERVERS = StandIns.withOpenAi();
  static final HoneyHiveStandIn HONEYHIVE = SERVERS.honeyhive();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    SERVERS.register(r);
    r.add("spring.reactor.context-propagation", () -> "auto");
  }

  @AfterAll
  static void stop() {
    Hooks.disableAutomaticContextPropagation();   // process-wide: leave the other tests' Reactor as it was
    SERVERS.close();
  }

  @Autowired
  AssistantApp.Assistant assistant;
  @Autowired
  Tracer tracer;

  @Test
  void aStreamedChatClientCallIsOneModelEventWithTheAggregatedAnswer() {
    assertThat(assistant.streamed("Say hello")).isEqualTo("Hello streamed world");
    await().untilAsserted(() -> {
      List<JsonNode> tree = sessionOf(HONEYHIVE, tracer, "stream_answer");
      List<JsonNode> models = ofType(tree, "model");
      assertThat(models).as("model events in " + tree).hasSize(1);
      JsonNode client = tree.stream().filter(e -> "chat_client".equals(e.path("event_name").asText())).findFirst()
          .orElseThrow();
      assertThat(models.get(0).path("parent_id").asText()).isEqualTo(client.path("event_id").asText());
      assertThat(models.get(0).path("config").path("streaming").asBoolean()).isTrue();
      assertThat(models.get(0).path("outputs").path("content").asText()).isEqualTo("Hello streamed world");
    });
  }
}
