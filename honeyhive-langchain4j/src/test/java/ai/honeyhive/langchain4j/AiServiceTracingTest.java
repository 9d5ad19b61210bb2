package ai.honeyhive.langchain4j;

import ai.honeyhive.SpanKind;
import static ai.honeyhive.test.OpenAiStandIn.completion;
import static ai.honeyhive.test.OpenAiStandIn.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import ai.honeyhive.test.OpenAiStandIn;
import ai.honeyhive.test.TracingTest;
import ai.honeyhive.test.OpenAiStandIn.Reply;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** AI Services built with no HoneyHive code: this module on the class path is all it takes. */
@TracingTest
@Timeout(60)
class AiServiceTracingTest extends AgainstOpenAiStandIn {

  interface Assistant {
    String chat(String message);
  }

  interface StreamingAssistant {
    TokenStream chat(String message);
  }

  static final class Calculator {
    @Tool("Adds two numbers")
    int add(int a, int b) {
      return a + b;
    }
  }

  /** A tool that takes a known time: its work is the sleep. */
  static final class SlowTools {
    static final long MILLIS = 300;

    @Tool("Looks up the weather")
    String weather(String city) throws InterruptedException {
      Thread.sleep(MILLIS);
      return "sunny in " + city;
    }

    @Tool("Looks up the time")
    String time(String city) throws InterruptedException {
      Thread.sleep(MILLIS);
      return "noon in " + city;
    }
  }


  private Assistant assistant() {
    OpenAiChatModel model = OpenAiChatModel.builder()
        .baseUrl(stub.baseUrl()).apiKey("sk-test").modelName("gpt-4o-mini")
        .temperature(0.2).maxRetries(0).build();
    return AiServices.builder(Assistant.class).chatModel(model).tools(new Calculator()).build();
  }

  @Test
  void aToolCallingAiServiceCallIsAChainOfModelToolModelWithTheServersTokenCounts() {
    stub.then(Reply.json(toolCall("gpt-4o-mini-2024-07-18", "call_1", "add", "{\"a\":2,\"b\":3}", 11, 7)))
        .then(Reply.json(completion("gpt-4o-mini-2024-07-18", "It is 5.", 23, 4)));

    String answer = assistant().chat("What is 2 + 3?");

    assertThat(answer).isEqualTo("It is 5.");
    assertChainModelToolModel(events(), 11, 7, 23, 4);
    Event first = ofType(EventType.MODEL).get(0);
    assertThat(first.config()).containsEntry("model", "gpt-4o-mini").containsEntry("provider", "openai")
        .containsEntry("response_model", "gpt-4o-mini-2024-07-18").containsEntry("temperature", 0.2);
    assertThat((List<?>) first.config().get("tools")).singleElement()
        .satisfies(t -> assertThat(((Map<?, ?>) t).get("name")).isEqualTo("add"));
    assertThat((List<?>) first.inputs().get("chat_history")).singleElement()
        .isEqualTo(Map.of("role", "user", "content", "What is 2 + 3?"));
    assertThat(first.outputs()).containsEntry("finish_reason", "tool_execution");
    assertThat((List<?>) first.outputs().get("tool_calls")).singleElement()
        .isEqualTo(Map.of("id", "call_1", "name", "add", "arguments", "{\"a\":2,\"b\":3}"));
    Event second = ofType(EventType.MODEL).get(1);
    assertThat(second.outputs()).containsEntry("role", "assistant").containsEntry("content", "It is 5.")
        .containsEntry("finish_reason", "stop");
    assertThat((List<?>) second.inputs().get("chat_history")).hasSize(3);
    Event chain = ofType(EventType.CHAIN).get(0);
    assertThat(chain.inputs()).containsEntry("user_message", "What is 2 + 3?");
    assertThat(chain.outputs()).containsEntry("result", "It is 5.");
  }

  @Test
  void theSameThroughAStreamingModel() throws Exception {
    stub.then(OpenAiStandIn.streamedToolCall("gpt-4o-mini-2024-07-18", "call_1", "add", "{\"a\":2,\"b\":3}", 11, 7))
        .then(OpenAiStandIn.streamedText("gpt-4o-mini-2024-07-18", 23, 4, "It is ", "5."));
    OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder()
        .baseUrl(stub.baseUrl()).apiKey("sk-test").modelName("gpt-4o-mini").build();
    StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class)
        .streamingChatModel(model).tools(new Calculator()).build();

    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    assistant.chat("What is 2 + 3?")
        .onPartialResponse(piece -> { })
        .onCompleteResponse(done::complete)
        .onError(done::completeExceptionally)
        .start();

    assertThat(done.get(30, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("It is 5.");
    await().atMost(Duration.ofSeconds(10)).until(() -> ofType(EventType.CHAIN).size() == 1);
    assertChainModelToolModel(events(), 11, 7, 23, 4);
    assertThat(ofType(EventType.MODEL).get(1).outputs()).containsEntry("content", "It is 5.");
  }

  @Test
  void aToolEventLastsAsLongAsTheToolRanBetweenTheTwoModelCalls() {
    stub.then(Reply.json(toolCall("gpt-4o-mini", "call_1", "weather", "{\"city\":\"Paris\"}", 11, 7)))
        .then(Reply.json(completion("gpt-4o-mini", "Sunny.", 23, 4)));
    OpenAiChatModel model = OpenAiChatModel.builder()
        .baseUrl(stub.baseUrl()).apiKey("sk-test").modelName("gpt-4o-mini").maxRetries(0).build();
    Assistant assistant = AiServices.builder(Assistant.class).chatModel(model).tools(new SlowTools()).build();

    assertThat(assistant.chat("Weather in Paris?")).isEqualTo("Sunny.");

    Event tool = ofType(EventType.TOOL).get(0);
    List<Event> models = ofType(EventType.MODEL).stream()
        .sorted(java.util.Comparator.comparing(Event::startTime)).toList();
    assertThat(tool.duration()).isGreaterThanOrEqualTo((double) SlowTools.MILLIS);
    assertThat(tool.endTime() - tool.startTime()).isGreaterThanOrEqualTo(SlowTools.MILLIS);
    assertThat(tool.startTime()).isGreaterThanOrEqualTo(models.get(0).endTime());
    assertThat(tool.endTime()).isLessThanOrEqualTo(models.get(1).startTime());
    assertThat(tool.outputs()).containsEntry("result", "sunny in Paris");
  }

  @Test
  void throughAStreamingModelEachOfARoundsToolsLastsAsLongAsItRan() throws Exception {
    stub.then(Reply.sse(
            """
            {"id":"c0","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[\
            {"index":0,"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}},\
            {"index":1,"id":"call_2","type":"function","function":{"name":"time","arguments":"{\\"city\\":\\"Paris\\"}"}}]},"finish_reason":null}]}""",
            """
            {"id":"c0","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"""))
        .then(OpenAiStandIn.streamedText("gpt-4o-mini", 23, 4, "Sunny ", "at noon."));
    OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder()
        .baseUrl(stub.baseUrl()).apiKey("sk-test").modelName("gpt-4o-mini").build();
    StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class)
        .streamingChatModel(model).tools(new SlowTools()).build();

    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    assistant.chat("Weather and time in Paris?")
        .onPartialResponse(piece -> { })
        .onCompleteResponse(done::complete)
        .onError(done::completeExceptionally)
        .start();

    assertThat(done.get(30, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("Sunny at noon.");
    await().atMost(Duration.ofSeconds(10)).until(() -> ofType(EventType.CHAIN).size() == 1);
    List<Event> tools = ofType(EventType.TOOL).stream()
        .sorted(java.util.Comparator.comparing(Event::startTime)).toList();
    assertThat(tools).extracting(Event::eventName).containsExactly("weather", "time");
    assertThat(tools).allSatisfy(t -> assertThat(t.duration()).isGreaterThanOrEqualTo((double) SlowTools.MILLIS));
    assertThat(tools.get(1).startTime()).isGreaterThanOrEqualTo(tools.get(0).endTime());
    assertThat(tools).extracting(t -> t.metadata().get("tool_call_id")).containsExactly("call_1", "call_2");
  }

  @Test
  void aFailingCallRecordsTheErrorAndTheCallerGetsTheExceptionUnchanged() {
    stub.then(Reply.error(500, "upstream exploded"));

    Throwable thrown = catchThrowable(() -> assistant().chat("hi"));

    assertThat(thrown).isNotNull().hasMessageContaining("upstream exploded");
    Event chain = ofType(EventType.CHAIN).get(0);
    Event model = ofType(EventType.MODEL).get(0);
    assertThat(model.parentId()).isEqualTo(chain.eventId());
    assertThat(model.error()).isEqualTo(thrown.getClass().getName() + ": " + thrown.getMessage());
    assertThat(chain.error()).isEqualTo(model.error());
  }

  @Test
  void aRateLimitedCallIsRecordedAsFailedToo() {
    stub.then(Reply.error(429, "slow down"));

    Throwable thrown = catchThrowable(() -> assistant().chat("hi"));

    assertThat(thrown).hasMessageContaining("slow down");
    assertThat(ofType(EventType.MODEL)).singleElement()
        .satisfies(m -> assertThat(m.error()).contains(thrown.getClass().getName()).contains("slow down"));
  }

  @Test
  void anAiServiceCallNestsUnderTheCallersTracedMethod() {
    stub.then(Reply.json(completion("gpt-4o-mini", "hello", 3, 1)));
    Assistant assistant = assistant();

    String answer = traces.tracer().trace(SpanKind.CHAIN, "handleRequest", Map.of(), span -> assistant.chat("hi"));

    assertThat(answer).isEqualTo("hello");
    Event outer = events().stream().filter(e -> e.eventName().equals("handleRequest")).findFirst().orElseThrow();
    Event chain = events().stream().filter(e -> e.eventName().equals("Assistant.chat")).findFirst().orElseThrow();
    assertThat(chain.parentId()).isEqualTo(outer.eventId());
    assertThat(ofType(EventType.MODEL)).singleElement()
        .satisfies(m -> assertThat(m.parentId()).isEqualTo(chain.eventId()));
  }

  @Test
  void withTracingSwitchedOffTheAiServiceWorksAndNothingIsRecorded() {
    stub.then(Reply.json(toolCall("gpt-4o-mini", "call_1", "add", "{\"a\":2,\"b\":3}", 11, 7)))
        .then(Reply.json(completion("gpt-4o-mini", "It is 5.", 23, 4)));
    traces.tracer().setEnabled(false);

    String answer = assistant().chat("What is 2 + 3?");

    assertThat(answer).isEqualTo("It is 5.");
    assertThat(events()).isEmpty();
    assertThat(ai.honeyhive.langchain4j.internal.Failures.count()).isZero();
  }

  /** One chain, with model, tool, model under it in that order, each model with its own token counts. */
  static void assertChainModelToolModel(List<Event> events, int p1, int c1, int p2, int c2) {
    List<Event> chains = events.stream().filter(e -> e.eventType() == EventType.CHAIN).toList();
    assertThat(chains).hasSize(1);
    Event chain = chains.get(0);
    assertThat(chain.eventName()).endsWith("Assistant.chat");
    List<Event> children = events.stream().filter(e -> chain.eventId().equals(e.parentId()))
        .sorted(java.util.Comparator.comparing(Event::startTime)).toList();
    assertThat(children).extracting(Event::eventType)
        .containsExactly(EventType.MODEL, EventType.TOOL, EventType.MODEL);
    assertThat(chain.childrenIds()).containsExactlyInAnyOrderElementsOf(children.stream().map(Event::eventId).toList());
    assertThat(children.get(0).metadata()).containsEntry("prompt_tokens", (long) p1).containsEntry("completion_tokens", (long) c1)
        .containsEntry("total_tokens", (long) (p1 + c1));
    assertThat(children.get(2).metadata()).containsEntry("prompt_tokens", (long) p2).containsEntry("completion_tokens", (long) c2);
    Event tool = children.get(1);
    assertThat(tool.eventName()).isEqualTo("add");
    assertThat(tool.inputs()).containsEntry("arguments", "{\"a\":2,\"b\":3}");
    assertThat(tool.outputs()).containsEntry("result", "5");
    assertThat(tool.metadata()).containsEntry("tool_call_id", "call_1");
  }
}
