package ai.honeyhive.langchain4j;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible chat completions server on 127.0.0.1 that answers from a script: JSON
 * completions, SSE chunk streams, tool calls, and errors (429, 500) on purpose.
 */
final class OpenAiStub implements AutoCloseable {
  /** One scripted answer: a status and a JSON body, or (sse) a list of chunk bodies sent as data lines. */
  record Reply(int status, String body, List<String> chunks) {
    static Reply json(String body) {
      return new Reply(200, body, null);
    }

    static Reply sse(String... chunks) {
      return new Reply(200, null, List.of(chunks));
    }

    static Reply error(int status, String message) {
      return new Reply(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"stub_error\"}}", null);
    }
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
  final List<String> requests = new CopyOnWriteArrayList<>();

  OpenAiStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  OpenAiStub then(Reply reply) {
    script.add(reply);
    return this;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      Reply reply = script.poll();
      if (reply == null) {
        reply = Reply.error(500, "stub: no reply scripted");
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
        out.flush();
      }
      out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  // --- canned OpenAI payloads ---

  static String completion(String model, String content, int prompt, int completion) {
    return """
        {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"%s",
         "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}
        """.formatted(model, content, prompt, completion, prompt + completion);
  }

  static String toolCall(String model, String callId, String tool, String argumentsJson, int prompt, int completion) {
    return """
        {"id":"chatcmpl-0","object":"chat.completion","created":1,"model":"%s",
         "choices":[{"index":0,"message":{"role":"assistant","content":null,
           "tool_calls":[{"id":"%s","type":"function","function":{"name":"%s","arguments":"%s"}}]},
           "finish_reason":"tool_calls"}],
         "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}
        """.formatted(model, callId, tool, argumentsJson.replace("\"", "\\\""), prompt, completion, prompt + completion);
  }

  static Reply streamedText(String model, int prompt, int completion, String... pieces) {
    List<String> chunks = new java.util.ArrayList<>();
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

  static Reply streamedToolCall(String model, String callId, String tool, String argumentsJson, int prompt, int completion) {
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
