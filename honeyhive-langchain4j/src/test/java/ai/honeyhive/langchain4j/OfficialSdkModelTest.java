package ai.honeyhive.langchain4j;

import static ai.honeyhive.test.OpenAiStandIn.completion;
import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.openai.HoneyHiveOpenAI;
import ai.honeyhive.test.OpenAiStandIn;
import ai.honeyhive.test.TracingTest;
import ai.honeyhive.test.OpenAiStandIn.Reply;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An OpenAI call made through a LangChain4j chat model backed by the official OpenAI SDK, whose
 * client is wrapped by honeyhive-openai (or built under the agent's switch), is recorded once:
 * LangChain4j's listener or AI Service event records it, and the wrapper under it stands aside.
 *
 * <p>LangChain4j's own official-SDK model ({@code langchain4j-open-ai-official}) does not resolve
 * from Maven Central for the LangChain4j version we build against, so {@link OfficialSdkChatModel}
 * plays its part: a {@link ChatModel} whose {@code doChat} calls {@code chat().completions().create}
 * on the SDK client, as that module's model does.
 */
@TracingTest
@Timeout(60)
class OfficialSdkModelTest extends AgainstOpenAiStandIn {

  interface Assistant {
    String chat(String message);
  }

  private OpenAIClient client;

  @BeforeEach
  void wrapClient() {
    client = HoneyHiveOpenAI.wrap(
        OpenAIOkHttpClient.builder().baseUrl(stub.baseUrl()).apiKey("sk-test").maxRetries(0).build());
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void aChatModelCallWithTheListenerOverAWrappedClientIsOneModelEvent() {
    stub.then(Reply.json(completion("gpt-4o-mini", "Paris.", 12, 2)));
    ChatModel model = new OfficialSdkChatModel(client, List.of(new HoneyHiveChatModelListener()));

    ChatResponse response = model.chat(ChatRequest.builder()
        .messages(SystemMessage.from("Be brief."), UserMessage.from("Capital of France?")).build());

    assertThat(response.aiMessage().text()).isEqualTo("Paris.");
    assertThat(stub.requests()).hasSize(1);
    Event only = onlyModelEvent();
    assertThat(only.outputs()).containsEntry("content", "Paris.");
    assertThat(only.metadata()).containsEntry("prompt_tokens", 12L).containsEntry("completion_tokens", 2L);
  }

  @Test
  void anAiServiceCallOverAWrappedClientIsChainThenOneModelEvent() {
    stub.then(Reply.json(completion("gpt-4o-mini", "5", 9, 1)));
    // the listener too, as an application that registers it on every model would
    Assistant assistant = AiServices.builder(Assistant.class)
        .chatModel(new OfficialSdkChatModel(client, List.of(new HoneyHiveChatModelListener()))).build();

    assertThat(assistant.chat("What is 2 + 3?")).isEqualTo("5");

    assertThat(stub.requests()).hasSize(1);
    Event chain = ofType(EventType.CHAIN).get(0);
    Event model = onlyModelEvent();
    assertThat(model.parentId()).isEqualTo(chain.eventId());
    assertThat(model.metadata()).containsEntry("prompt_tokens", 9L);
  }

  @Test
  void theWrappedClientUsedDirectlyIsStillRecorded() {
    stub.then(Reply.json(completion("gpt-4o-mini", "ok", 1, 1)));

    client.chat().completions().create(ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini").addUserMessage("hi").build());

    assertThat(onlyModelEvent().config()).containsEntry("provider", "openai");
  }

  private Event onlyModelEvent() {
    List<Event> models = ofType(EventType.MODEL);
    assertThat(models).as("model events").hasSize(1);
    return models.get(0);
  }

  /** What langchain4j-open-ai-official's chat model does, for text messages: calls the SDK client it is given. */
  static final class OfficialSdkChatModel implements ChatModel {
    private final OpenAIClient client;
    private final List<ChatModelListener> listeners;

    OfficialSdkChatModel(OpenAIClient client, List<ChatModelListener> listeners) {
      this.client = client;
      this.listeners = listeners;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
      ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model("gpt-4o-mini");
      for (ChatMessage m : request.messages()) {
        if (m instanceof SystemMessage s) {
          params.addSystemMessage(s.text());
        } else if (m instanceof UserMessage u) {
          params.addUserMessage(u.singleText());
        } else if (m instanceof AiMessage a) {
          params.addAssistantMessage(a.text());
        }
      }
      ChatCompletion completion = client.chat().completions().create(params.build());
      ChatCompletion.Choice choice = completion.choices().get(0);
      TokenUsage usage = completion.usage()
          .map(u -> new TokenUsage((int) u.promptTokens(), (int) u.completionTokens(), (int) u.totalTokens()))
          .orElse(null);
      return ChatResponse.builder()
          .aiMessage(AiMessage.from(choice.message().content().orElse("")))
          .modelName(completion.model()).id(completion.id()).tokenUsage(usage).finishReason(FinishReason.STOP)
          .build();
    }

    @Override
    public List<ChatModelListener> listeners() {
      return listeners;
    }

    @Override
    public ModelProvider provider() {
      return ModelProvider.OPEN_AI;
    }
  }
}
