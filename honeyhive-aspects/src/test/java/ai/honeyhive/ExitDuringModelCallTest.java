package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A real child JVM that calls System.exit while a 3 s traced model call runs on another thread. */
@Timeout(120)
class ExitDuringModelCallTest {

  @Test
  void exitDuringAModelCallStillDeliversTheWholeSessionWithTheModelOutput() throws Exception {
    runChildAndCheckTheSessionArrivedWhole(List.of());
  }

  @Test
  void exitRightAfterReplacingTheTracerDuringAModelCallStillDeliversTheSession() throws Exception {
    String out = runChildAndCheckTheSessionArrivedWhole(List.of("reconfigure"));
    assertThat(out).contains("replaced the tracer during the model call");
  }

  private static String runChildAndCheckTheSessionArrivedWhole(List<String> args) throws Exception {
    try (RecordingApiServer server = new RecordingApiServer()) {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          ExitDuringModelCallMain.class.getName()));
      command.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.environment().keySet().removeIf(k -> k.startsWith("HH_"));
      pb.environment().put("HH_API_KEY", "exit-key-71d2");
      pb.environment().put("HH_PROJECT", "exit-project");
      pb.environment().put("HH_API_URL", server.url());
      // nothing is sent on the batch schedule: only the shutdown hook can deliver
      pb.environment().put("HH_BATCH_DELAY_MS", "600000");
      pb.redirectErrorStream(true);

      Process child = pb.start();
      CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(child.getInputStream()));
      boolean exited = child.waitFor(60, TimeUnit.SECONDS);
      if (!exited) {
        child.destroyForcibly();
      }
      String out = output.get(10, TimeUnit.SECONDS);

      assertThat(exited).as("child exited; output:%n%s", out).isTrue();
      assertThat(child.exitValue()).as("exit code; output:%n%s", out).isZero();
      assertThat(out).contains("exiting during the model call");
      assertThat(server.eventNames()).as("output:%n%s", out)
          .containsExactlyInAnyOrder("assistant-turn", "complete");

      List<JsonNode> events = new ArrayList<>();
      // the traced events; a multi-session body also announces the session with a `session` event
      server.received().forEach(r -> r.body().path("events").forEach(e -> {
        if (!"session".equals(e.path("event_type").asText())) {
          events.add(e);
        }
      }));
      JsonNode turn = events.stream().filter(e -> e.path("event_name").asText().equals("assistant-turn")).findFirst().orElseThrow();
      JsonNode model = events.stream().filter(e -> e.path("event_name").asText().equals("complete")).findFirst().orElseThrow();
      assertThat(model.path("outputs").path("result").asText()).isEqualTo("answer to q: why");
      assertThat(turn.path("outputs").path("result").asText()).isEqualTo("answer to q: why");
      assertThat(model.path("parent_id").asText()).isEqualTo(turn.path("event_id").asText());
      assertThat(turn.path("children_ids")).extracting(JsonNode::asText).containsExactly(model.path("event_id").asText());
      assertThat(events).allSatisfy(e -> assertThat(e.path("metadata").has("honeyhive_incomplete")).isFalse());
      assertThat(out).doesNotContain("exit-key-71d2");
      return out;
    }
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }
}
