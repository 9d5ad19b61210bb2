package ai.honeyhive.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.test.HoneyHiveStandIn;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The turns of one Spring AI conversation are one HoneyHive session; another conversation is another. */
class ConversationSessionTest {
  @Test
  @Timeout(90)
  void turnsOfOneConversationShareASession() throws Exception {
    try (HoneyHiveStandIn honeyhive = HoneyHiveStandIn.start(); OpenAiStub openai = new OpenAiStub()) {
      ConfigurableApplicationContext ctx = new SpringApplicationBuilder(AssistantApp.class).properties(
          "spring.main.web-application-type=none",
          "honeyhive.api.key=hh-test-key", "honeyhive.api.url=" + honeyhive.url(), "honeyhive.project=conversations",
          "honeyhive.batch.delay.ms=20", "spring.ai.openai.api-key=sk-stub",
          "spring.ai.openai.base-url=" + openai.baseUrl(), "spring.ai.openai.chat.model=" + OpenAiStub.MODEL).run();
      ChatClient chat = ctx.getBean(ChatClient.Builder.class).build();
      for (String conversation : List.of("conv-a", "conv-a", "conv-b")) {
        String answer = chat.prompt().user("hello from " + conversation)
            .advisors(a -> a.param(ChatMemory.CONVERSATION_ID, conversation)).call().content();
        assertThat(answer).isEqualTo("Hello from the stub.");
      }
      ctx.close();   // closes the conversations' sessions, then the tracer delivers them

      List<JsonNode> turns = WireEvents.of(honeyhive, "chain").stream()
          .filter(e -> "chat_client".equals(e.path("event_name").asText())).toList();
      assertThat(turns).hasSize(3);
      List<String> a = turns.stream().filter(e -> "conv-a".equals(e.path("metadata").path("conversation_id").asText()))
          .map(e -> e.path("session_id").asText()).distinct().toList();
      List<String> b = turns.stream().filter(e -> "conv-b".equals(e.path("metadata").path("conversation_id").asText()))
          .map(e -> e.path("session_id").asText()).distinct().toList();
      assertThat(a).hasSize(1);
      assertThat(b).hasSize(1);
      assertThat(a.get(0)).isNotEqualTo(b.get(0));
      // each turn's model call is in its turn's session, under its chat_client event
      for (JsonNode turn : turns) {
        assertThat(WireEvents.of(honeyhive, "model")).anySatisfy(m -> {
          assertThat(m.path("parent_id").asText()).isEqualTo(turn.path("event_id").asText());
          assertThat(m.path("session_id").asText()).isEqualTo(turn.path("session_id").asText());
        });
      }
    }
  }
}
