package ai.honeyhive.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.honeyhive.transport.internal.JsonMappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With an API key, the sample run under the agent delivers its sessions to the HoneyHive API:
 * here a real HTTP server on 127.0.0.1. The application exits right after its work, so the
 * sessions arrive through the shutdown hook's flush.
 */
class HttpExportIT {
  private static final String KEY = "hh-it-secret-key";

  record Request(String method, String path, Map<String, List<String>> headers, JsonNode body) {}

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      JsonNode json = JsonMappers.mapper().readTree(body.length == 0 ? "{}" : new String(body, StandardCharsets.UTF_8));
      requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          Map.copyOf(exchange.getRequestHeaders()), json));
      ObjectNode reply = JsonMappers.mapper().createObjectNode();
      reply.putArray("event_ids").addAll(json.path("events").findParents("event_id").stream()
          .map(e -> e.get("event_id")).toList());
      reply.put("session_id", json.path("session_properties").path("session_id").asText());
      reply.put("success", true);
      byte[] out = JsonMappers.mapper().writeValueAsBytes(reply);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void sessionsReachTheApiOnALocalServer() {
    // lights up once the HTTP transport is in the tracer: with an API key, sessions go to the API
    assumeTrue(isPresent("ai.honeyhive.transport.http.internal.HttpExporter"), "the HTTP transport is not built yet");
    Path classes = ChildJvm.javac(ChildJvm.sources(ChildJvm.SAMPLES), ChildJvm.workDir("http-classes"),
        ChildJvm.sampleCompileClasspath());

    ChildJvm.Result run = new ChildJvm.Launch(ChildJvm.workDir("http-run"), "ai.honeyhive.samples.SupportAssistantApp")
        .agent().classpath(classes)
        .env("HH_API_KEY", KEY)
        .env("HH_PROJECT", "agent-it")
        .env("HH_API_URL", "http://127.0.0.1:" + server.getAddress().getPort())
        .run();

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.stdout() + run.stderr()).doesNotContain(KEY);
    assertThat(requests).isNotEmpty().allSatisfy(r -> {
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.path()).isEqualTo("/events/batch");
      assertThat(r.headers().get("Authorization")).containsExactly("Bearer " + KEY);
      assertThat(r.headers().get("Content-type").get(0)).startsWith("application/json");
    });
    // the default multi-session form: each session announced once by its own session event
    List<JsonNode> all = requests.stream()
        .flatMap(r -> r.body().path("events").findParents("event_id").stream()).toList();
    List<JsonNode> sessionEvents = all.stream().filter(e -> e.get("event_type").asText().equals("session")).toList();
    Map<String, List<JsonNode>> sessions = all.stream()
        .filter(e -> !e.get("event_type").asText().equals("session"))
        .collect(Collectors.groupingBy(e -> e.get("session_id").asText()));
    assertThat(sessions).hasSize(2);
    assertThat(sessionEvents).extracting(e -> e.get("event_id").asText())
        .containsExactlyInAnyOrderElementsOf(sessions.keySet());
    assertThat(sessions.values()).allSatisfy(events -> {
      assertThat(events).extracting(e -> e.get("event_name").asText()).containsExactlyInAnyOrder(
          "support_question", "retrieve_documents", "search_faq", "web_search", "generate_answer", "postprocess");
      assertThat(events).allSatisfy(e -> assertThat(e.get("project").asText()).isEqualTo("agent-it"));
    });
  }

  private static boolean isPresent(String className) {
    try {
      Class.forName(className, false, HttpExportIT.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
