package ai.honeyhive.spring.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A local HoneyHive API: records the events of every {@code POST /events/batch} and answers 200. */
final class HoneyHiveStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();

  HoneyHiveStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "honeyhive-stand-in");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every traced event received (the {@code session} events announcing sessions left out). */
  List<JsonNode> events() {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode b : bodies) {
      b.path("events").forEach(e -> {
        if (!"session".equals(e.path("event_type").asText())) {
          out.add(e);
        }
      });
    }
    return out;
  }

  List<JsonNode> events(String type) {
    return events().stream().filter(e -> type.equals(e.path("event_type").asText())).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (exchange.getRequestURI().getPath().endsWith("/events/batch") && body.length > 0) {
        bodies.add(JSON.readTree(body));
      }
      byte[] answer = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
