package ai.honeyhive.openai;

import ai.honeyhive.SpanKind;
import static ai.honeyhive.test.OpenAiStandIn.completion;
import static ai.honeyhive.test.OpenAiStandIn.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import ai.honeyhive.Span;
import ai.honeyhive.internal.IntegrationModelCalls;
import ai.honeyhive.test.OpenAiStandIn;
import ai.honeyhive.test.RecordedTraces;
import ai.honeyhive.test.TracingTest;
import ai.honeyhive.test.OpenAiStandIn.Reply;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.StructuredResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@TracingTest
@Timeout(60)
class HoneyHiveOpenAITest {
  private OpenAiStandIn stub;
  private RecordedTraces traces;

  /** The events recorded, sessions' own left out. */
  private List<Event> events() {
    return traces.events().stream().filter(e -> e.eventType() != EventType.SESSION).toList();
  }

  private List<Event> ofType(EventType type) {
    return events().stream().filter(e -> e.eventType() == type).toList();
  }
  private OpenAIClient raw;

  @BeforeEach
  void start(RecordedTraces traces) throws Exception {
    this.traces = traces;
    stub = OpenAiStandIn.start();
    raw = OpenAIOkHttpClient.builder().baseUrl(stub.baseUrl()).apiKey("sk-test").maxRetries(0).build();
  }

  @AfterEach
  void stop() {
    raw.close();
    stub.close();
  }

  private static ChatCompletionCreateParams params() {
    return ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini").temperature(0.3).maxCompletionTokens(64L)
        .addSystemMessage("Be brief.").addUserMessage("What is 2 + 3?").build();
  }

  private Event onlyModelEvent() {
    List<Event> models = ofType(EventType.MODEL);
    assertThat(models).hasSize(1);
    return models.get(0);
  }

  @Test
  void aBlockingChatCompletionIsOneModelEventWithTheSameFieldsAsLangChain4j() {
    stub.then(Reply.json(toolCall("gpt-4o-mini-2024-07-18", "call_1", "add", "{\"a\":2,\"b\":3}", 11, 7)));

    ChatCompletion completion = HoneyHiveOpenAI.wrap(raw).chat().completions().create(params());

    assertThat(completion.choices().get(0).message().toolCalls()).isPresent();
    Event model = onlyModelEvent();
    assertThat(model.eventName()).isEqualTo("gpt-4o-mini");
    assertThat(model.config()).containsEntry("model", "gpt-4o-mini").containsEntry("provider", "openai")
        .containsEntry("response_model", "gpt-4o-mini-2024-07-18").containsEntry("temperature", 0.3)
        .containsEntry("max_tokens", 64L);
    assertThat(model.inputs()).containsEntry("chat_history", List.of(
        Map.of("role", "system", "content", "Be brief."), Map.of("role", "user", "content", "What is 2 + 3?")));
    assertThat(model.outputs()).containsEntry("role", "assistant").containsEntry("finish_reason", "tool_calls");
    assertThat((List<?>) model.outputs().get("tool_calls")).singleElement()
        .isEqualTo(Map.of("id", "call_1", "name", "add", "arguments", "{\"a\":2,\"b\":3}"));
    assertThat(model.metadata()).containsEntry("prompt_tokens", 11L).containsEntry("completion_tokens", 7L)
        .containsEntry("total_tokens", 18L);
  }

  @Test
  void aStreamIsOneModelEventWithTheAccumulatedAnswerAndTheReportedUsage() {
    stub.then(OpenAiStandIn.streamedText("gpt-4o-mini", 9, 3, "It ", "is ", "5."));
    StringBuilder seen = new StringBuilder();

    try (StreamResponse<ChatCompletionChunk> stream = HoneyHiveOpenAI.wrap(raw).chat().completions().createStreaming(params())) {
      stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(seen::append)));
    }

    assertThat(seen).hasToString("It is 5.");
    Event model = onlyModelEvent();
    assertThat(model.outputs()).containsEntry("content", "It is 5.").containsEntry("finish_reason", "stop");
    assertThat(model.metadata()).containsEntry("prompt_tokens", 9L).containsEntry("completion_tokens", 3L);
  }

  @Test
  void whatTheApplicationThrowsWhileReadingAStreamReachesItAndIsNotTheModelsError() {
    stub.then(OpenAiStandIn.streamedText("gpt-4o-mini", 9, 3, "It ", "is ", "5."));
    IllegalStateException mine = new IllegalStateException("the application's own failure");

    Throwable thrown = catchThrowable(() -> {
      try (StreamResponse<ChatCompletionChunk> stream = HoneyHiveOpenAI.wrap(raw).chat().completions().createStreaming(params())) {
        stream.stream().forEach(chunk -> {
          throw mine;
        });
      }
    });

    assertThat(thrown).isSameAs(mine);
    Event model = onlyModelEvent();   // ended when the stream was closed
    assertThat(model.error()).isNull();
    assertThat(model.outputs()).containsEntry("role", "assistant");
  }

  @Test
  void aStreamedToolCallIsAccumulatedFromItsPieces() {
    stub.then(OpenAiStandIn.streamedToolCall("gpt-4o-mini", "call_9", "add", "{\"a\":1,\"b\":1}", 4, 2));

    try (StreamResponse<ChatCompletionChunk> stream = HoneyHiveOpenAI.wrap(raw).chat().completions().createStreaming(params())) {
      assertThat(stream.stream().count()).isPositive();
    }

    assertThat((List<?>) onlyModelEvent().outputs().get("tool_calls")).singleElement()
        .isEqualTo(Map.of("id", "call_9", "name", "add", "arguments", "{\"a\":1,\"b\":1}"));
  }

  @Test
  void anAsyncCallIsOneModelEventEndedWhenTheFutureCompletes() throws Exception {
    stub.then(Reply.json(completion("gpt-4o-mini", "5", 8, 1)));

    ChatCompletion completion = HoneyHiveOpenAI.wrap(raw).async().chat().completions().create(params())
        .get(30, TimeUnit.SECONDS);

    assertThat(completion.choices().get(0).message().content()).contains("5");
    await().atMost(Duration.ofSeconds(10)).until(() -> ofType(EventType.MODEL).size() == 1);
    assertThat(onlyModelEvent().outputs()).containsEntry("content", "5");
  }

  @Test
  void anAsyncStreamIsOneModelEventEndedWhenTheStreamCompletes() throws Exception {
    stub.then(OpenAiStandIn.streamedText("gpt-4o-mini", 6, 2, "Hi", " there"));
    StringBuilder seen = new StringBuilder();

    HoneyHiveOpenAI.wrap(raw).async().chat().completions().createStreaming(params())
        .subscribe(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(seen::append)))
        .onCompleteFuture().get(30, TimeUnit.SECONDS);

    assertThat(seen).hasToString("Hi there");
    await().atMost(Duration.ofSeconds(10)).until(() -> ofType(EventType.MODEL).size() == 1);
    assertThat(onlyModelEvent().outputs()).containsEntry("content", "Hi there");
    assertThat(onlyModelEvent().metadata()).containsEntry("prompt_tokens", 6L).containsEntry("completion_tokens", 2L);
  }

  @Test
  void aFailingCallRecordsTheErrorAndTheCallerGetsTheSdksExceptionUnchanged() {
    stub.then(Reply.error(500, "upstream exploded")).then(Reply.error(500, "upstream exploded"));
    Throwable unwrapped = catchThrowable(() -> raw.chat().completions().create(params()));

    Throwable thrown = catchThrowable(() -> HoneyHiveOpenAI.wrap(raw).chat().completions().create(params()));

    assertThat(thrown).isNotNull().hasSameClassAs(unwrapped).hasMessage(unwrapped.getMessage());
    assertThat(onlyModelEvent().error()).isEqualTo(thrown.getClass().getName() + ": " + thrown.getMessage());
  }

  @Test
  void aRateLimitedCallIsRecordedAsFailed() {
    stub.then(Reply.error(429, "slow down"));

    Throwable thrown = catchThrowable(() -> HoneyHiveOpenAI.wrap(raw).chat().completions().create(params()));

    assertThat(thrown.getClass().getSimpleName()).isEqualTo("RateLimitException");
    assertThat(onlyModelEvent().error()).contains("RateLimitException");
  }

  @Test
  void aResponsesApiCallIsAModelEventWithTheSameFields() {
    stub.then(Reply.json("""
        {"id":"resp_1","object":"response","created_at":1,"model":"gpt-4o-mini-2024-07-18","status":"completed",
         "output":[
           {"type":"function_call","id":"fc_1","call_id":"call_7","name":"add","arguments":"{\\"a\\":2,\\"b\\":3}","status":"completed"},
           {"type":"message","id":"msg_1","role":"assistant","status":"completed",
            "content":[{"type":"output_text","text":"Adding.","annotations":[]}]}],
         "usage":{"input_tokens":14,"output_tokens":6,"total_tokens":20}}
        """));

    HoneyHiveOpenAI.wrap(raw).responses().create(ResponseCreateParams.builder()
        .model("gpt-4o-mini").instructions("Be brief.").input("What is 2 + 3?").temperature(0.1).build());

    Event model = onlyModelEvent();
    assertThat(model.config()).containsEntry("model", "gpt-4o-mini").containsEntry("provider", "openai")
        .containsEntry("response_model", "gpt-4o-mini-2024-07-18").containsEntry("temperature", 0.1);
    assertThat(model.inputs()).containsEntry("chat_history", List.of(
        Map.of("role", "system", "content", "Be brief."), Map.of("role", "user", "content", "What is 2 + 3?")));
    assertThat(model.outputs()).containsEntry("content", "Adding.").containsEntry("finish_reason", "completed");
    assertThat((List<?>) model.outputs().get("tool_calls")).singleElement()
        .isEqualTo(Map.of("id", "call_7", "name", "add", "arguments", "{\"a\":2,\"b\":3}"));
    assertThat(model.metadata()).containsEntry("prompt_tokens", 14L).containsEntry("completion_tokens", 6L)
        .containsEntry("total_tokens", 20L);
  }

  private static final String RESPONSE = """
      {"id":"resp_1","object":"response","created_at":1,"model":"gpt-4o-mini-2024-07-18","status":"completed",
       "output":[{"type":"message","id":"msg_1","role":"assistant","status":"completed",
         "content":[{"type":"output_text","text":"It is 5.","annotations":[]}]}],
       "usage":{"input_tokens":14,"output_tokens":4,"total_tokens":18}}""";

  private static ResponseCreateParams responseParams() {
    return ResponseCreateParams.builder().model("gpt-4o-mini").instructions("Be brief.").input("What is 2 + 3?").build();
  }

  /** A Responses stream as the API sends it: created, text deltas, the item done, then completed with usage. */
  private static Reply streamedResponse(String finalEventType) {
    String created = """
        {"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","created_at":1,        "model":"gpt-4o-mini-2024-07-18","status":"in_progress","output":[]}}""";
    String delta = """
        {"type":"response.output_text.delta","sequence_number":%d,"item_id":"msg_1","output_index":0,"content_index":0,        "delta":"%s","logprobs":[]}""";
    String done = """
        {"type":"response.output_item.done","sequence_number":3,"output_index":0,"item":{"type":"message","id":"msg_1",        "role":"assistant","status":"completed","content":[{"type":"output_text","text":"It is 5.","annotations":[]}]}}""";
    String completed = """
        {"type":"%s","sequence_number":4,"response":%s}""".formatted(finalEventType, RESPONSE.replace("\n", ""));
    return Reply.sse(created, delta.formatted(1, "It is "), delta.formatted(2, "5."), done, completed);
  }

  private void assertTheResponseEvent(Event model) {
    assertThat(model.eventName()).isEqualTo("gpt-4o-mini");
    assertThat(model.config()).containsEntry("model", "gpt-4o-mini").containsEntry("provider", "openai")
        .containsEntry("response_model", "gpt-4o-mini-2024-07-18");
    assertThat(model.inputs()).containsEntry("chat_history", List.of(
        Map.of("role", "system", "content", "Be brief."), Map.of("role", "user", "content", "What is 2 + 3?")));
    assertThat(model.outputs()).containsEntry("role", "assistant").containsEntry("content", "It is 5.")
        .containsEntry("finish_reason", "completed");
    assertThat(model.metadata()).containsEntry("prompt_tokens", 14L).containsEntry("completion_tokens", 4L)
        .containsEntry("total_tokens", 18L).containsEntry("response_id", "resp_1");
  }

  @Test
  void aResponsesStreamIsOneModelEventWithTheSameFieldsAsABlockingCall() {
    stub.then(streamedResponse("response.completed"));
    StringBuilder seen = new StringBuilder();

    try (StreamResponse<ResponseStreamEvent> stream = HoneyHiveOpenAI.wrap(raw).responses().createStreaming(responseParams())) {
      stream.stream().forEach(e -> e.outputTextDelta().ifPresent(d -> seen.append(d.delta())));
    }

    assertThat(seen).hasToString("It is 5.");
    assertTheResponseEvent(onlyModelEvent());
  }

  @Test
  void aResponsesStreamClosedBeforeItsEndRecordsWhatArrived() {
    stub.then(streamedResponse("response.completed"));

    try (StreamResponse<ResponseStreamEvent> stream = HoneyHiveOpenAI.wrap(raw).responses().createStreaming(responseParams())) {
      assertThat(stream.stream().limit(3).count()).isEqualTo(3);   // created and the two deltas
    }

    Event model = onlyModelEvent();
    assertThat(model.outputs()).containsEntry("content", "It is 5.").containsEntry("finish_reason", "incomplete");
    assertThat(model.config()).containsEntry("response_model", "gpt-4o-mini-2024-07-18");
  }

  @Test
  void anAsyncResponsesCallIsOneModelEventEndedWhenTheFutureCompletes() throws Exception {
    stub.then(Reply.json(RESPONSE));

    Response response = HoneyHiveOpenAI.wrap(raw).async().responses().create(responseParams()).get(30, TimeUnit.SECONDS);

    assertThat(response.id()).isEqualTo("resp_1");
    await().atMost(Duration.ofSeconds(10)).until(() -> ofType(EventType.MODEL).size() == 1);
    assertTheResponseEvent(onlyModelEvent());
  }

  @Test
  void anAsyncResponsesStreamIsOneModelEventEndedWhenTheStreamCompletes() throws Exception {
    stub.then(streamedResponse("response.completed"));
    StringBuilder seen = new StringBuilder();

    HoneyHiveOpenAI.wrap(raw).async().responses().createStreaming(responseParams())
        .subscribe(e -> e.outputTextDelta().ifPresent(d -> seen.append(d.delta())))
        .onCompleteFuture().get(30, TimeUnit.SECONDS);

    assertThat(seen).hasToString("It is 5.");
    await().atMost(Duration.ofSeconds(10)).until(() -> ofType(EventType.MODEL).size() == 1);
    assertTheResponseEvent(onlyModelEvent());
  }

  @Test
  void aFailingResponsesCallRecordsTheErrorAndTheCallerGetsTheSdksException() {
    stub.then(Reply.error(500, "upstream exploded"));

    Throwable thrown = catchThrowable(() -> HoneyHiveOpenAI.wrap(raw).responses().create(responseParams()));

    assertThat(thrown).isNotNull();
    assertThat(onlyModelEvent().error()).isEqualTo(thrown.getClass().getName() + ": " + thrown.getMessage());
  }

  /** Structured outputs: the SDK's default method calls its own service, so the call is recorded here, once. */
  @Test
  void aStructuredOutputCallIsOneModelEvent() {
    stub.then(Reply.json(RESPONSE.replace("It is 5.", "{\\\"sum\\\":5}")));

    StructuredResponse<Sum> response = HoneyHiveOpenAI.wrap(raw).responses().create(ResponseCreateParams.builder()
        .model("gpt-4o-mini").input("What is 2 + 3?").text(Sum.class).build());

    assertThat(response.output()).isNotEmpty();
    assertThat(onlyModelEvent().outputs()).containsEntry("content", "{\"sum\":5}");
    assertThat(stub.requests()).hasSize(1);
  }

  /** A structured answer's type. */
  public static class Sum {
    public int sum;
  }

  @Test
  void aClientDerivedWithOptionsStaysWrapped() {
    stub.then(Reply.json(completion("gpt-4o-mini", "ok", 1, 1)));

    HoneyHiveOpenAI.wrap(raw).withOptions(o -> o.timeout(Duration.ofSeconds(20))).chat().completions().create(params());

    assertThat(ofType(EventType.MODEL)).hasSize(1);
    assertThat(HoneyHiveOpenAI.wrap(HoneyHiveOpenAI.wrap(raw))).isNotSameAs(raw);
  }

  @Test
  void aCallAFrameworkIsRecordingAlreadyIsNotRecordedAgain() {
    stub.then(Reply.json(completion("gpt-4o-mini", "ok", 1, 1)));
    OpenAIClient client = HoneyHiveOpenAI.wrap(raw);

    // what LangChain4j's listener (or Spring AI's handler) does around the SDK call it makes
    Span framework = traces.tracer().startSpan(SpanKind.MODEL, "framework-model-call");
    IntegrationModelCalls.started(framework.spanId());
    try {
      client.chat().completions().create(params());
    } finally {
      IntegrationModelCalls.ended(framework.spanId());
      framework.end();
    }

    assertThat(ofType(EventType.MODEL)).extracting(Event::eventName).containsExactly("framework-model-call");
  }
}
