package ai.honeyhive.spring.boot3;

import static ai.honeyhive.test.TraceAssertions.assertThat;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Tracer;
import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.test.HoneyHiveStandIn;
import ai.honeyhive.test.OpenAiStandIn;
import ai.honeyhive.test.OpenAiStandIn.Reply;
import ai.honeyhive.test.RecordedSession;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter (built against Boot 4 and Spring AI 2) in a Boot 3.5 application with Spring AI 1.1:
 * configuration, annotated beans and Spring AI's observations, checked at a local HoneyHive.
 */
@SpringBootTest(classes = Boot3CompatibilityTest.App.class)
@DirtiesContext
@Timeout(60)
class Boot3CompatibilityTest {
  static final String MODEL = "gpt-boot3";
  static final HoneyHiveStandIn HONEYHIVE = HoneyHiveStandIn.start();
  static final OpenAiStandIn OPENAI = OpenAiStandIn.start();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    r.add("honeyhive.api.key", () -> "hh-test-key");
    r.add("honeyhive.api.url", () -> HONEYHIVE.url().toString());
    r.add("honeyhive.project", () -> "boot3");
    r.add("honeyhive.batch.delay.ms", () -> "20");
    r.add("spring.ai.openai.api-key", () -> "sk-stub");
    // Spring AI 1.x appends /v1/chat/completions itself
    r.add("spring.ai.openai.base-url", () -> OPENAI.baseUrl().replaceFirst("/v1$", ""));
    r.add("spring.ai.openai.chat.options.model", () -> MODEL);
  }

  @AfterAll
  static void stop() {
    HONEYHIVE.close();
    OPENAI.close();
  }

  @Autowired
  Assistant assistant;
  @Autowired
  Tracer tracer;

  @Test
  void runsOnBoot35WithSpringAi11() {
    assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
    assertThat(ChatClient.class.getPackage().getImplementationVersion()).startsWith("1.1.");
  }

  @Test
  void aChatClientCallWithAToolIsOneTreeUnderTheTracedBeanMethod() {
    OPENAI.then(Reply.json(OpenAiStandIn.toolCall(MODEL, "call_1", "get_weather", "{\"city\":\"Paris\"}", 11, 7)))
        .then(Reply.json(OpenAiStandIn.completion(MODEL, "It is sunny in Paris.", 25, 6)));

    assertThat(AopUtils.isAopProxy(assistant)).isTrue();
    assertThat(HoneyHive.tracer()).isSameAs(tracer);
    assertThat(assistant.ask("What is the weather in Paris?")).isEqualTo("It is sunny in Paris.");
    assertThat(tracer.flush(Duration.ofSeconds(10))).isTrue();

    List<RecordedSession> sessions = HONEYHIVE.awaitSessions(1, Duration.ofSeconds(20));
    RecordedSession session = sessions.get(0);
    assertThat(session).root().isChain().hasName("ask").hasInput("question", "What is the weather in Paris?")
        .child("chat_client").isChain().hasChildrenNamed("openai.chat " + MODEL, "get_weather", "openai.chat " + MODEL);
    assertThat(session).event("get_weather").isTool().hasInput("arguments", "{\"city\":\"Paris\"}")
        // Spring AI hands the tool's result over as JSON: the returned string, quoted
        .hasOutput("result", "\"sunny, 21 C in Paris\"");
    assertThat(session).root().child("chat_client").child(0).isModel().hasModel(MODEL).hasProvider("openai")
        .hasTokenUsage(11, 7);
    // Spring AI 1.x reports the usage summed over the tool-calling rounds (11 + 25, 7 + 6); 2.0 the call's own
    assertThat(session).root().child("chat_client").child(2).isModel().hasTokenUsage(36, 13)
        .hasOutput("content", "It is sunny in Paris.");
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    WeatherTools weatherTools() {
      return new WeatherTools();
    }

    @Bean
    Assistant assistant(ChatClient.Builder chat, WeatherTools tools) {
      return new Assistant(chat.build(), tools);
    }
  }

  public static class WeatherTools {
    @Tool(name = "get_weather", description = "The weather in a city")
    public String getWeather(String city) {
      return "sunny, 21 C in " + city;
    }
  }

  public static class Assistant {
    private final ChatClient chat;
    private final WeatherTools tools;

    Assistant(ChatClient chat, WeatherTools tools) {
      this.chat = chat;
      this.tools = tools;
    }

    @TraceChain
    public String ask(String question) {
      return chat.prompt().user(question).tools(tools).call().content();
    }
  }
}
