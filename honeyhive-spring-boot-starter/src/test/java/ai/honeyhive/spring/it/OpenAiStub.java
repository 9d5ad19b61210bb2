package ai.honeyhive.spring.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Kept beside the test kit's {@code OpenAiStandIn}, which answers from a script and serves no
 * embeddings: this one answers by what the request holds (so one Spring AI call with a tool round
 * trip, a stream, and a vector store's embeddings need no script).
 *
 * <p>An OpenAI-compatible chat completions server on 127.0.0.1: a request offering tools and holding
 * no tool result gets a {@code get_weather} tool call; one holding a tool result gets the final
 * answer; any other gets a plain answer, as SSE chunks when {@code stream} is set. Every answer
 * carries {@code usage}. It also answers {@code /embeddings} (see {@link #embeddings}).
 */
final class OpenAiStub implements AutoCloseable {
  static final String MODEL = "gpt-stub-1";
  static final String EMBEDDING_MODEL = "embed-stub-1";
  static final String TOOL_ARGUMENTS = "{\"city\":\"Paris\"}";
  static final String FINAL_ANSWER = "It is sunny in Paris.";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  final List<JsonNode> requests = new CopyOnWriteArrayList<>();

  OpenAiStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "openai-stub");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode req = JSON.readTree(exchange.getRequestBody().readAllBytes());
      requests.add(req);
      if (exchange.getRequestURI().getPath().endsWith("/embeddings")) {
        send(exchange, 200, embeddings(req), "application/json");
        return;
      }
      if (!exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
        send(exchange, 404, "{\"error\":{\"message\":\"no such path\"}}", "application/json");
        return;
      }
      boolean hasToolResult = false;
      for (JsonNode m : req.path("messages")) {
        hasToolResult |= "tool".equals(m.path("role").asText());
      }
      if (req.path("stream").asBoolean(false)) {
        stream(exchange);
      } else if (hasToolResult) {
        send(exchange, 200, completion("chatcmpl-final", message(FINAL_ANSWER, null), "stop", 25, 6), "application/json");
      } else if (req.path("tools").size() > 0) {
        String call = "[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":"
            + JSON.writeValueAsString(TOOL_ARGUMENTS) + "}}]";
        send(exchange, 200, completion("chatcmpl-tool", message(null, call), "tool_calls", 11, 7), "application/json");
      } else {
        send(exchange, 200, completion("chatcmpl-plain", message("Hello from the stub.", null), "stop", 5, 4),
            "application/json");
      }
    }
  }

  /**
   * One 3-dimensional embedding per input, by topic, so that a similarity search is predictable:
   * refunds, shipping, anything else. Usage: one prompt token per word. Base64 (little-endian
   * float32) when the client asks for it, as the OpenAI SDK does.
   */
  private static String embeddings(JsonNode req) throws IOException {
    List<String> inputs = new java.util.ArrayList<>();
    if (req.path("input").isArray()) {
      req.path("input").forEach(i -> inputs.add(i.asText()));
    } else {
      inputs.add(req.path("input").asText());
    }
    boolean base64 = "base64".equals(req.path("encoding_format").asText());
    StringBuilder data = new StringBuilder();
    int tokens = 0;
    for (int i = 0; i < inputs.size(); i++) {
      String text = inputs.get(i).toLowerCase(java.util.Locale.ROOT);
      tokens += text.split("\\s+").length;
      float[] v = text.contains("refund") ? new float[] {1, 0, 0}
          : text.contains("ship") ? new float[] {0, 1, 0} : new float[] {0, 0, 1};
      String embedding;
      if (base64) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * v.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
          b.putFloat(f);
        }
        embedding = "\"" + java.util.Base64.getEncoder().encodeToString(b.array()) + "\"";
      } else {
        embedding = "[" + v[0] + "," + v[1] + "," + v[2] + "]";
      }
      data.append(i == 0 ? "" : ",").append("{\"object\":\"embedding\",\"index\":").append(i)
          .append(",\"embedding\":").append(embedding).append("}");
    }
    return "{\"object\":\"list\",\"data\":[" + data + "],\"model\":\"" + EMBEDDING_MODEL
        + "\",\"usage\":{\"prompt_tokens\":" + tokens + ",\"total_tokens\":" + tokens + "}}";
  }

  private static String message(String content, String toolCalls) throws IOException {
    return "{\"role\":\"assistant\",\"content\":" + JSON.writeValueAsString(content) + ",\"refusal\":null"
        + (toolCalls != null ? ",\"tool_calls\":" + toolCalls : "") + "}";
  }

  private static String completion(String id, String message, String finish, int prompt, int completion) {
    return "{\"id\":\"" + id + "\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"" + MODEL + "\","
        + "\"choices\":[{\"index\":0,\"message\":" + message + ",\"finish_reason\":\"" + finish
        + "\",\"logprobs\":null}],\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
        + ",\"total_tokens\":" + (prompt + completion) + "}}";
  }

  private static void stream(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    String head = "{\"id\":\"chatcmpl-stream\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\""
        + MODEL + "\",";
    String[] chunks = {
        head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hello\"},\"finish_reason\":null}]}",
        head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" streamed\"},\"finish_reason\":null}]}",
        head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" world\"},\"finish_reason\":\"stop\"}]}",
        head + "\"choices\":[],\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":3,\"total_tokens\":11}}",
    };
    for (String c : chunks) {
      out.write(("data: " + c + "\n\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
    out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void send(HttpExchange exchange, int status, String body, String type) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
