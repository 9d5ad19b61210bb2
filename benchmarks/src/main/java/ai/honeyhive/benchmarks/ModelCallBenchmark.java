package ai.honeyhive.benchmarks;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A model call with a realistic payload, as its own session: a woven {@code @TraceModel} taking a
 * chat-message list (a system message and a user message, 2 KB of prompt in all) and returning a
 * 1 KB answer, with the token usage recorded; against the OpenTelemetry SDK starting and ending a
 * client span that carries the same content as GenAI attributes (system, model, operation,
 * each message's role and content, the completion, input and output tokens), through its
 * BatchSpanProcessor into an exporter that discards. Target: no more CPU than OpenTelemetry.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ModelCallBenchmark {
  private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");
  private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  private static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
  private static final AttributeKey<String> PROMPT_0_ROLE = AttributeKey.stringKey("gen_ai.prompt.0.role");
  private static final AttributeKey<String> PROMPT_0_CONTENT = AttributeKey.stringKey("gen_ai.prompt.0.content");
  private static final AttributeKey<String> PROMPT_1_ROLE = AttributeKey.stringKey("gen_ai.prompt.1.role");
  private static final AttributeKey<String> PROMPT_1_CONTENT = AttributeKey.stringKey("gen_ai.prompt.1.content");
  private static final AttributeKey<String> COMPLETION_ROLE = AttributeKey.stringKey("gen_ai.completion.0.role");
  private static final AttributeKey<String> COMPLETION_CONTENT = AttributeKey.stringKey("gen_ai.completion.0.content");
  private static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  private static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");

  @State(Scope.Benchmark)
  public static class Values {
    final Workload workload = new Workload();
    List<Map<String, String>> messages;

    @Setup
    public void setUp() {
      String system = text("You are a support assistant for an online shop. Answer from the policy excerpts only. ", 512);
      String user = text("Customer question with the retrieved policy excerpts about refunds and returns. ", 1536);
      messages = List.of(Map.of("role", "system", "content", system), Map.of("role", "user", "content", user));
      workload.preparedReply = new Workload.ChatAnswer("assistant",
          text("You can return an unused item within 30 days for a full refund to the original payment. ", 1024),
          520, 256);
    }

    /** {@code seed} repeated to exactly {@code length} characters: plain ASCII text, as prompts mostly are. */
    static String text(String seed, int length) {
      StringBuilder b = new StringBuilder(length);
      while (b.length() < length) {
        b.append(seed);
      }
      return b.substring(0, length);
    }
  }

  @State(Scope.Benchmark)
  public static class OpenTelemetryTracing {
    OpenTelemetrySdk sdk;

    @Setup
    public void setUp() {
      sdk = new OpenTelemetrySdk();
    }

    @TearDown
    public void tearDown() {
      sdk.shutdown();
    }
  }

  @Benchmark
  public Workload.ChatAnswer honeyhive(Values v, DiscardingHoneyHiveTracer tracing) {
    return v.workload.chat(v.messages);
  }

  @Benchmark
  public Workload.ChatAnswer opentelemetry(Values v, OpenTelemetryTracing tracing) {
    return openTelemetryChat(tracing.sdk.tracer, v.workload, v.messages);
  }

  /** The OpenTelemetry side: a client span with the call's content as GenAI attributes. */
  static Workload.ChatAnswer openTelemetryChat(Tracer tracer, Workload workload, List<Map<String, String>> messages) {
    Map<String, String> system = messages.get(0);
    Map<String, String> user = messages.get(1);
    Span span = tracer.spanBuilder("chat gpt-4o-mini")
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(SYSTEM, "openai")
        .setAttribute(OPERATION, "chat")
        .setAttribute(MODEL, "gpt-4o-mini")
        .setAttribute(PROMPT_0_ROLE, system.get("role"))
        .setAttribute(PROMPT_0_CONTENT, system.get("content"))
        .setAttribute(PROMPT_1_ROLE, user.get("role"))
        .setAttribute(PROMPT_1_CONTENT, user.get("content"))
        .startSpan();
    try {
      Workload.ChatAnswer answer = workload.chatUnwoven(messages);
      span.setAttribute(COMPLETION_ROLE, answer.role());
      span.setAttribute(COMPLETION_CONTENT, answer.content());
      span.setAttribute(INPUT_TOKENS, (long) answer.promptTokens());
      span.setAttribute(OUTPUT_TOKENS, (long) answer.completionTokens());
      return answer;
    } finally {
      span.end();
    }
  }
}
