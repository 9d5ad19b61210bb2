package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two real JVMs on 127.0.0.1, both woven: service A's traced chain calls service B over HTTP with
 * the propagating client; B continues the context and runs its traced tools. Both export to one
 * local HoneyHive stand-in, which receives one session whose tree spans both services.
 */
@Timeout(180)
class TwoServicesTest {
  private static final String KEY_A = "key-service-a";
  private static final String KEY_B = "key-service-b";

  @Test
  void oneSessionSpansBothServicesEveryParentResolvesAndItIsAnnouncedOnce() throws Exception {
    try (RecordingApiServer api = new RecordingApiServer()) {
      Process b = startServiceB(api);
      StringBuilder bOutput = new StringBuilder();
      try {
        BufferedReader reader = new BufferedReader(new InputStreamReader(b.getInputStream(), StandardCharsets.UTF_8));
        String port = null;
        for (String line; (line = reader.readLine()) != null; ) {
          bOutput.append(line).append('\n');
          if (line.startsWith("listening ")) {
            port = line.substring("listening ".length()).trim();
            break;
          }
        }
        assertThat(port).as("service B's output:%n%s", bOutput).isNotNull();
        CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> reader.lines().forEach(l -> bOutput.append(l).append('\n')));

        ChildJvm.Result a = ChildJvm.run(TwoServicesServiceA.class, List.of(), List.of("http://127.0.0.1:" + port),
            Map.of("HH_API_KEY", KEY_A, "HH_PROJECT", "service-a-project", "HH_SOURCE", "gateway", "HH_API_URL", api.url()));
        assertThat(a.exited() && a.exitValue() == 0).as("service A; output:%n%s", a.output()).isTrue();
        assertThat(a.output()).contains("answer from results for what is propagation (ranked)");

        b.getOutputStream().close();   // service B: stop serving and exit
        assertThat(b.waitFor(60, TimeUnit.SECONDS)).isTrue();
        drain.get(10, TimeUnit.SECONDS);
        assertThat(b.exitValue()).as("service B; output:%n%s", bOutput).isZero();
      } finally {
        b.destroyForcibly();
      }

      List<JsonNode> fromA = new ArrayList<>();
      List<JsonNode> fromB = new ArrayList<>();
      List<JsonNode> announcements = new ArrayList<>();
      for (RecordingApiServer.Received r : api.received()) {
        boolean isA = ("Bearer " + KEY_A).equals(r.authorization());
        JsonNode props = r.body().path("session_properties");
        if (props.has("session_name")) {
          announcements.add(props);   // the single-session form announces in its properties
        }
        r.body().path("events").forEach(e -> {
          if ("session".equals(e.path("event_type").asText())) {
            announcements.add(e);
            assertThat(isA).as("only the caller announces the session").isTrue();
          } else {
            (isA ? fromA : fromB).add(e);
          }
        });
      }
      List<JsonNode> all = new ArrayList<>(fromA);
      all.addAll(fromB);
      Map<String, JsonNode> byId = new HashMap<>();
      all.forEach(e -> byId.put(e.path("event_id").asText(), e));
      JsonNode answer = named(fromA, "answer");
      JsonNode call = named(fromA, "call-search-service");
      JsonNode search = named(fromB, "search");
      JsonNode rank = named(fromB, "rank");
      String sessionId = answer.path("session_id").asText();

      assertThat(all).extracting(e -> e.path("event_name").asText())
          .containsExactlyInAnyOrder("answer", "call-search-service", "search", "rank");
      assertThat(all).allSatisfy(e -> assertThat(e.path("session_id").asText()).isEqualTo(sessionId));
      assertThat(announcements).as("announced once").hasSize(1);
      // every parent_id resolves, across both services
      assertThat(all).allSatisfy(e -> assertThat(e.path("parent_id").asText()).satisfiesAnyOf(
          p -> assertThat(p).isEqualTo(sessionId), p -> assertThat(byId).containsKey(p)));
      assertThat(search.path("parent_id").asText()).as("B's root tool under A's calling event").isEqualTo(call.path("event_id").asText());
      assertThat(rank.path("parent_id").asText()).isEqualTo(search.path("event_id").asText());
      // children_ids agree with parent_ids wherever the parent saw the child: all but across the service boundary
      assertThat(all).allSatisfy(e -> e.path("children_ids").forEach(c ->
          assertThat(byId.get(c.asText()).path("parent_id").asText()).isEqualTo(e.path("event_id").asText())));
      assertThat(ids(search.path("children_ids"))).containsExactly(rank.path("event_id").asText());
      assertThat(ids(call.path("children_ids"))).as("A never saw B's events").isEmpty();
      // B's events go where the session lives: A's project, with A's source
      assertThat(fromB).allSatisfy(e -> {
        assertThat(e.path("project").asText()).isEqualTo("service-a-project");
        assertThat(e.path("source").asText()).isEqualTo("gateway");
      });
    }
  }

  private static Process startServiceB(RecordingApiServer api) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), TwoServicesServiceB.class.getName());
    pb.environment().keySet().removeIf(k -> k.startsWith("HH_"));
    pb.environment().putAll(Map.of("HH_API_KEY", KEY_B, "HH_PROJECT", "service-b-project", "HH_SOURCE", "search-service",
        "HH_API_URL", api.url()));
    pb.redirectErrorStream(true);
    return pb.start();
  }

  private static JsonNode named(List<JsonNode> events, String name) {
    return events.stream().filter(e -> name.equals(e.path("event_name").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("no event '" + name + "' in " + events));
  }

  private static List<String> ids(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
