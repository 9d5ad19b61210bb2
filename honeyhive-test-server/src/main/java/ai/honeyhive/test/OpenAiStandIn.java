package ai.honeyhive.test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible server on 127.0.0.1 for tests of code that calls a model through LangChain4j,
 * the OpenAI Java SDK, Spring AI or any other OpenAI client: point the client's base URL at
 * {@link #baseUrl()} and script the answers, one per request, in order. It answers
 * {@code POST /v1/chat/completions} (and {@code /v1/responses}) with a JSON completion, an SSE chunk
 * stream ending in {@code data: [DONE]}, a tool call, or an error status, so a test sees the same
 * model calls, tool round trips, token usage and failures it would against the real API, without
 * a network or a key. A request with no answer scripted gets a 500.
 *
 * <pre>{@code
 * try (OpenAiStandIn openAi = OpenAiStandIn.start()) {
 *   openAi.then(Reply.json(OpenAiStandIn.toolCall("gpt-4o-mini", "call_1", "add", "{\"a\":2,\"b\":3}", 11, 7)))
 *       .then(Reply.json(OpenAiStandIn.completion("gpt-4o-mini", "5", 23, 1)));
 *   // ... build the model with baseUrl(openAi.baseUrl()) and apiKey("sk-test"), run the code under test ...
 * }
 * }</pre>
 */
public final class OpenAiStandIn implements AutoCloseable {
  /**
   * One scripted answer: a status and a JSON body, or ({@link #sse}) the bodies of the chunks sent as
   * {@code data:} lines of an event stream.
   */
  public record Reply(int status, String body, List<String> chunks) {
    /** A 200 with this JSON body. */
    public static Reply json(String body) {
      return new Reply(200, body, null);
    }

    /** A 200 event stream of these chunk bodies, then {@code [DONE]}. */
    public static Reply sse(String... chunks) {
      return new Reply(200, null, List.of(chunks));
    }

    /** An error status with an OpenAI-shaped error body carrying this message. */
    public static Reply error(int status, String message) {
      return new Reply(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"stand_in_error\"}}", null);
    }
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  private OpenAiStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", this::handle);
    server.createContext("/v1/responses", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  /** Starts a stand-in on a free port of 127.0.0.1. */
  public static OpenAiStandIn start() {
    try {
      return new OpenAiStandIn();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the OpenAI stand-in on 127.0.0.1", e);
    }
  }

  /** The base URL to give the client, ending in {@code /v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** Adds the answer to the next request not yet answered by an earlier one. */
  public OpenAiStandIn then(Reply reply) {
    script.add(reply);
    return this;
  }

  /** The request bodies received, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      Reply reply = script.poll();
      if (reply == null) {
        reply = Reply.error(500, "OpenAiStandIn: no reply scripted for this request");
      }
      if (reply.chunks() == null) {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      for (String chunk : reply.chunks()) {
        out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();   // one chunk at a time, as the API streams them
      }
      out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  /** A chat completion whose assistant message is {@code content}, with this token usage. */
  public static String completion(String model, String content, int prompt, int completion) {
    return """
        {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"%s",
         "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}
        """.formatted(model, content, prompt, completion, prompt + completion);
  }

  /** A chat completion that calls one tool with these JSON arguments ({@code finish_reason: tool_calls}). */
  public static String toolCall(String model, String callId, String tool, String argumentsJson, int prompt, int completion) {
    return """
        {"id":"chatcmpl-0","object":"chat.completion","created":1,"model":"%s",
         "choices":[{"index":0,"message":{"role":"assistant","content":null,
           "tool_calls":[{"id":"%s","type":"function","function":{"name":"%s","arguments":"%s"}}]},
           "finish_reason":"tool_calls"}],
         "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}
        """.formatted(model, callId, tool, argumentsJson.replace("\"", "\\\""), prompt, completion, prompt + completion);
  }

  /** A streamed answer: one chunk per piece of text, a stop chunk, and a usage chunk. */
  public static Reply streamedText(String model, int prompt, int completion, String... pieces) {
    List<String> chunks = new ArrayList<>();
    for (String piece : pieces) {
      chunks.add("""
          {"id":"c1","object":"chat.completion.chunk","created":1,"model":"%s","choices":[{"index":0,"delta":{"role":"assistant","content":"%s"},"finish_reason":null}]}"""
          .formatted(model, piece));
    }
    chunks.add("""
        {"id":"c1","object":"chat.completion.chunk","created":1,"model":"%s","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"""
        .formatted(model));
    chunks.add(usageChunk(model, prompt, completion));
    return Reply.sse(chunks.toArray(String[]::new));
  }

  /** A streamed tool call: the call's name, then its arguments, a tool_calls stop chunk, and a usage chunk. */
  public static Reply streamedToolCall(String model, String callId, String tool, String argumentsJson, int prompt, int completion) {
    return Reply.sse(
        """
        {"id":"c0","object":"chat.completion.chunk","created":1,"model":"%s","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"%s","type":"function","function":{"name":"%s","arguments":""}}]},"finish_reason":null}]}"""
            .formatted(model, callId, tool),
        """
        {"id":"c0","object":"chat.completion.chunk","created":1,"model":"%s","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"%s"}}]},"finish_reason":null}]}"""
            .formatted(model, argumentsJson.replace("\"", "\\\"")),
        """
        {"id":"c0","object":"chat.completion.chunk","created":1,"model":"%s","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"""
            .formatted(model),
        usageChunk(model, prompt, completion));
  }

  private static String usageChunk(String model, int prompt, int completion) {
    return """
        {"id":"c1","object":"chat.completion.chunk","created":1,"model":"%s","choices":[],"usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}"""
        .formatted(model, prompt, completion, prompt + completion);
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
