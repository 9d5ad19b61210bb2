package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.test.StandInServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
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
    try (StandInServer server = StandInServer.start()) {
      ChildJvm.Result child = ChildJvm.run(ExitDuringModelCallMain.class, List.of(), args, Map.of(
          "HH_API_KEY", "exit-key-71d2", "HH_PROJECT", "exit-project", "HH_API_URL", server.url().toString(),
          // nothing is sent on the batch schedule: only the shutdown hook can deliver
          "HH_BATCH_DELAY_MS", "600000"));
      boolean exited = child.exited();
      String out = child.output();

      assertThat(exited).as("child exited; output:%n%s", out).isTrue();
      assertThat(child.exitValue()).as("exit code; output:%n%s", out).isZero();
      assertThat(out).contains("exiting during the model call");
      assertThat(server.createdEventNames()).as("output:%n%s", out)
          .containsExactlyInAnyOrder("assistant-turn", "complete");

      List<JsonNode> events = server.createdEvents();
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
}
