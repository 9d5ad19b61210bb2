package ai.honeyhive.langchain4j;

import static ai.honeyhive.test.OpenAiStandIn.completion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import ai.honeyhive.test.OpenAiStandIn;
import ai.honeyhive.test.TracingTest;
import ai.honeyhive.test.OpenAiStandIn.Reply;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.observability.api.event.AiServiceCompletedEvent;
import dev.langchain4j.observability.api.listener.AiServiceCompletedListener;
import dev.langchain4j.service.AiServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@TracingTest
@Timeout(60)
class ChatModelListenerTest extends AgainstOpenAiStandIn {

  interface Assistant {
    String chat(String message);
  }


  private OpenAiChatModel model() {
    return OpenAiChatModel.builder()
        .baseUrl(stub.baseUrl()).apiKey("sk-test").modelName("gpt-4o-mini")
        .temperature(0.7).topP(0.9).maxTokens(50).stop(List.of("END"))
        .maxRetries(0).listeners(List.of(new HoneyHiveChatModelListener())).build();
  }

  @Test
  void aChatModelCallIsOneModelEventWithRequestOptionsMessagesAnswerAndUsage() {
    stub.then(Reply.json(completion("gpt-4o-mini-2024-07-18", "Paris.", 12, 2)));

    ChatResponse response = model().chat(ChatRequest.builder()
        .messages(SystemMessage.from("Be brief."), UserMessage.from("Capital of France?")).build());

    assertThat(response.aiMessage().text()).isEqualTo("Paris.");
    Event model = ofType(EventType.MODEL).stream().reduce((a, b) -> { throw new AssertionError("more than one"); })
        .orElseThrow();
    assertThat(model.config()).containsEntry("model", "gpt-4o-mini").containsEntry("response_model", "gpt-4o-mini-2024-07-18")
        .containsEntry("provider", "openai").containsEntry("temperature", 0.7).containsEntry("top_p", 0.9)
        .containsEntry("max_tokens", 50L).containsEntry("stop", List.of("END"));
    assertThat(model.inputs()).containsEntry("chat_history", List.of(
        Map.of("role", "system", "content", "Be brief."), Map.of("role", "user", "content", "Capital of France?")));
    assertThat(model.outputs()).containsEntry("role", "assistant").containsEntry("content", "Paris.")
        .containsEntry("finish_reason", "stop");
    assertThat(model.metadata()).containsEntry("prompt_tokens", 12L).containsEntry("completion_tokens", 2L)
        .containsEntry("total_tokens", 14L).containsEntry("response_id", "chatcmpl-1");
    assertThat(model.error()).isNull();
  }

  @Test
  void aStreamIsOneModelEventEndedWhenTheStreamCompletesOnTheClientsThread() throws Exception {
    stub.then(OpenAiStandIn.streamedText("gpt-4o-mini", 5, 3, "Hel", "lo", "!"));
    OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder()
        .baseUrl(stub.baseUrl()).apiKey("sk-test").modelName("gpt-4o-mini")
        .listeners(List.of(new HoneyHiveChatModelListener())).build();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    List<String> pieces = new CopyOnWriteArrayList<>();

    model.chat("Say hello", new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String partial) {
        pieces.add(partial);
      }

      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    });

    assertThat(done.get(30, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("Hello!");
    assertThat(pieces).hasSize(3);
    await().atMost(Duration.ofSeconds(10)).until(() -> ofType(EventType.MODEL).size() == 1);
    Event event = ofType(EventType.MODEL).get(0);
    assertThat(event.outputs()).containsEntry("content", "Hello!").containsEntry("finish_reason", "stop");
    assertThat(event.metadata()).containsEntry("prompt_tokens", 5L).containsEntry("completion_tokens", 3L);
  }

  @Test
  void aFailedCallRecordsTheErrorAndRethrowsUnchanged() {
    stub.then(Reply.error(500, "boom"));

    Throwable thrown = catchThrowable(() -> model().chat("hi"));

    assertThat(thrown).hasMessageContaining("boom");
    assertThat(ofType(EventType.MODEL)).singleElement()
        .satisfies(e -> assertThat(e.error()).isEqualTo(thrown.getClass().getName() + ": " + thrown.getMessage()));
  }

  @Test
  void aListenedModelInsideAnAiServiceIsRecordedOnce() {
    stub.then(Reply.json(completion("gpt-4o-mini", "hi there", 4, 2)));
    Assistant assistant = AiServices.builder(Assistant.class).chatModel(model()).build();

    assistant.chat("hi");

    assertThat(ofType(EventType.MODEL)).singleElement()
        .satisfies(m -> assertThat(m.parentId()).isEqualTo(ofType(EventType.CHAIN).get(0).eventId()));
  }

  @Test
  void theApplicationsOwnAiServiceListenersStillGetTheirEvents() {
    stub.then(Reply.json(completion("gpt-4o-mini", "hi there", 4, 2)));
    List<Object> results = new CopyOnWriteArrayList<>();
    AiServiceCompletedListener mine = (AiServiceCompletedEvent e) -> results.add(e.result().orElse(null));
    Assistant assistant = AiServices.builder(Assistant.class).chatModel(model()).registerListeners(mine).build();

    assistant.chat("hi");

    assertThat(results).containsExactly("hi there");
    assertThat(ofType(EventType.CHAIN)).hasSize(1);
  }
}
