package ai.honeyhive.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Tracer;
import ai.honeyhive.test.HoneyHiveStandIn;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real application context with the real Spring AI OpenAI module, pointed at a local
 * OpenAI-compatible stub; events checked as they reach a local HoneyHive stand-in.
 */
@SpringBootTest(classes = AssistantApp.class)
@DirtiesContext
@Timeout(60)
class SpringAiTracingTest {
  static final StandIns SERVERS = StandIns.withOpenAi();
  static final HoneyHiveStandIn HONEYHIVE = SERVERS.honeyhive();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    SERVERS.register(r);
    r.add("spring.ai.openai.chat.model", () -> OpenAiStub.MODEL);
    r.add("spring.ai.openai.chat.options.model", () -> OpenAiStub.MODEL);
    r.add("spring.ai.openai.chat.options.temperature", () -> "0.3");
  }

  @AfterAll
  static void stop() {
    SERVERS.close();
  }

  @Autowired
  AssistantApp.Assistant assistant;
  @Autowired
  Tracer tracer;

  @Test
  void theTracerBeanIsTheProcessWideTracerConfiguredFromSpringProperties() {
    assertThat(HoneyHive.tracer()).isSameAs(tracer);
    assertThat(tracer.config().project()).isEqualTo("spring-test");
    assertThat(tracer.config().apiUrl().toString()).isEqualTo(HONEYHIVE.url().toString());
  }

  @Test
  void aChatClientCallWithAToolIsOneTreeChainModelToolModel() {
    String answer = assistant.ask("What is the weather in Paris?");
    assertThat(answer).isEqualTo(OpenAiStub.FINAL_ANSWER);
    assertThat(tracer.flush(Duration.ofSeconds(10))).isTrue();

    JsonNode ask = await().until(() -> byName("ask"), e -> e != null);
    String session = ask.path("session_id").asText();
    List<JsonNode> tree = WireEvents.of(HONEYHIVE).stream()
        .filter(e -> session.equals(e.path("session_id").asText()))
        .sorted(Comparator.comparingLong(e -> e.path("start_time").asLong())).toList();

    JsonNode client = only(tree, "chain", "chat_client");
    assertThat(client.path("parent_id").asText()).isEqualTo(ask.path("event_id").asText());
    List<JsonNode> models = tree.stream().filter(e -> "model".equals(e.path("event_type").asText())).toList();
    JsonNode tool = only(tree, "tool", "get_weather");
    assertThat(models).hasSize(2);
    JsonNode first = models.get(0);
    JsonNode second = models.get(1);
    // chain -> model -> tool -> model, all children of the ChatClient call, in that order
    for (JsonNode child : List.of(first, tool, second)) {
      assertThat(child.path("parent_id").asText()).isEqualTo(client.path("event_id").asText());
    }
    assertThat(first.path("start_time").asLong()).isLessThanOrEqualTo(tool.path("start_time").asLong());
    assertThat(tool.path("start_time").asLong()).isLessThanOrEqualTo(second.path("start_time").asLong());

    // the first model call: config, the prompt, a tool call as output, the stub's usage
    assertThat(first.path("config").path("model").asText()).isEqualTo(OpenAiStub.MODEL);
    assertThat(first.path("config").path("provider").asText()).isEqualTo("openai");
    assertThat(first.path("config").path("temperature").asDouble()).isEqualTo(0.3);
    JsonNode history = first.path("inputs").path("chat_history");
    assertThat(history.get(history.size() - 1).path("role").asText()).isEqualTo("user");
    assertThat(history.get(history.size() - 1).path("content").asText()).isEqualTo("What is the weather in Paris?");
    JsonNode call = first.path("outputs").path("tool_calls").get(0);
    assertThat(call.path("name").asText()).isEqualTo("get_weather");
    assertThat(call.path("arguments").asText()).isEqualTo(OpenAiStub.TOOL_ARGUMENTS);
    assertThat(first.path("outputs").path("finish_reason").asText()).isEqualToIgnoringCase("tool_calls");
    assertThat(first.path("metadata").path("prompt_tokens").asLong()).isEqualTo(11);
    assertThat(first.path("metadata").path("completion_tokens").asLong()).isEqualTo(7);
    assertThat(first.path("metadata").path("total_tokens").asLong()).isEqualTo(18);

    // the tool: its arguments and its result
    assertThat(tool.path("inputs").path("arguments").asText()).isEqualTo(OpenAiStub.TOOL_ARGUMENTS);
    assertThat(tool.path("outputs").path("result").asText()).contains("sunny, 21 C in Paris");

    // the second model call sees the tool's result and answers
    JsonNode history2 = second.path("inputs").path("chat_history");
    assertThat(history2.findValuesAsText("role")).contains("tool");
    assertThat(second.path("outputs").path("content").asText()).isEqualTo(OpenAiStub.FINAL_ANSWER);
    assertThat(second.path("outputs").path("finish_reason").asText()).isEqualToIgnoringCase("stop");
    assertThat(second.path("metadata").path("prompt_tokens").asLong()).isEqualTo(25);
    assertThat(second.path("metadata").path("completion_tokens").asLong()).isEqualTo(6);
    assertThat(second.path("metadata").path("total_tokens").asLong()).isEqualTo(31);
    assertThat(client.path("outputs").path("content").asText()).isEqualTo(OpenAiStub.FINAL_ANSWER);
  }

  @Test
  void aStreamedCallEndsWithTheAggregatedAnswer() {
    String answer = assistant.streamed("Say hello");
    assertThat(answer).isEqualTo("Hello streamed world");
    assertThat(tracer.flush(Duration.ofSeconds(10))).isTrue();
    JsonNode root = await().until(() -> byName("stream_answer"), e -> e != null);
    await().untilAsserted(() -> {
      List<JsonNode> models = WireEvents.of(HONEYHIVE, "model").stream()
          .filter(e -> root.path("session_id").asText().equals(e.path("session_id").asText())).toList();
      assertThat(models).hasSize(1);
      JsonNode model = models.get(0);
      assertThat(model.path("config").path("streaming").asBoolean()).isTrue();
      assertThat(model.path("outputs").path("content").asText()).isEqualTo("Hello streamed world");
    });
  }

  @Test
  void anAnnotatedBeanMethodIsProxiedAndTracedWithItsArgumentsByName() {
    assertThat(AopUtils.isAopProxy(assistant)).isTrue();
    assertThat(assistant.lookup("abc", 2)).isEqualTo(6);
    assertThatThrownBy(() -> assistant.lookup("abc", -1))
        .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("times must not be negative");
    assertThat(tracer.flush(Duration.ofSeconds(10))).isTrue();
    await().untilAsserted(() -> {
      List<JsonNode> lookups = WireEvents.of(HONEYHIVE, "tool").stream()
          .filter(e -> "lookup".equals(e.path("event_name").asText())).toList();
      assertThat(lookups).hasSize(2);
      JsonNode ok = lookups.stream().filter(e -> e.path("error").isMissingNode() || e.path("error").isNull())
          .findFirst().orElseThrow();
      assertThat(ok.path("inputs").path("key").asText()).isEqualTo("abc");
      assertThat(ok.path("inputs").path("times").asInt()).isEqualTo(2);
      assertThat(ok.path("outputs").path("result").asInt()).isEqualTo(6);
      assertThat(lookups).anySatisfy(e -> assertThat(e.path("error").asText()).contains("times must not be negative"));
    });
  }

  @Test
  void anUnannotatedMethodOfAProxiedBeanRunsOnceAndItsExceptionPassesUnchanged() {
    int before = assistant.plainCalls();
    assertThatThrownBy(() -> assistant.plainThatFails())
        .isExactlyInstanceOf(IllegalStateException.class).hasMessage("plain failure");
    assertThat(assistant.plainCalls()).isEqualTo(before + 1);
  }

  @Test
  void anAsyncResultEndsItsEventWhenItCompletes() {
    CompletableFuture<String> gate = new CompletableFuture<>();
    CompletableFuture<String> result = assistant.later("a", gate);
    gate.complete("b");
    assertThat(result.join()).isEqualTo("ab");
    await().untilAsserted(() -> {
      tracer.flush(Duration.ofSeconds(5));
      JsonNode later = byName("later");
      assertThat(later).isNotNull();
      assertThat(later.path("outputs").path("result").asText()).isEqualTo("ab");
    });
  }

  private static JsonNode byName(String name) {
    return WireEvents.of(HONEYHIVE).stream().filter(e -> name.equals(e.path("event_name").asText())).findFirst().orElse(null);
  }

  private static JsonNode only(List<JsonNode> events, String type, String name) {
    List<JsonNode> found = events.stream()
        .filter(e -> type.equals(e.path("event_type").asText()) && name.equals(e.path("event_name").asText())).toList();
    assertThat(found).as(type + " " + name + " in " + events).hasSize(1);
    return found.get(0);
  }
}
