package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real child JVM whose main returns right after producing a few hundred sessions, against an
 * API that answers every request 300 ms late, with the default settings: the shutdown hook
 * delivers every session, each event exactly once.
 */
@Timeout(120)
class ExitDeliveryUnderLatencyTest {
  private static final int SESSIONS = 400;

  @Test
  void aMainThatReturnsAtOnceHasEverySessionDeliveredExactlyOnceThroughASlowApi() throws Exception {
    try (RecordingApiServer server = new RecordingApiServer()) {
      server.delayAnswers(300);
      ChildJvm.Result child = ChildJvm.run(ChildManySessionsMain.class, List.of(), List.of(String.valueOf(SESSIONS)),
          Map.of("HH_API_KEY", "exit-key-91c4", "HH_PROJECT", "exit-project", "HH_API_URL", server.url()));
      boolean exited = child.exited();
      String out = child.output();

      assertThat(exited).as("child exited; output:%n%s", out).isTrue();
      assertThat(child.exitValue()).as("exit code; output:%n%s", out).isZero();
      assertThat(out).contains("child produced " + SESSIONS + " sessions");
      List<String> ids = new ArrayList<>();
      for (RecordingApiServer.Received r : server.received()) {
        for (JsonNode e : r.body().path("events")) {
          if (!"session".equals(e.path("event_type").asText())) {
            ids.add(e.path("event_id").asText());
          }
        }
      }
      assertThat(ids).as("output:%n%s", out).hasSize(3 * SESSIONS).doesNotHaveDuplicates();
      assertThat(server.sessionNames()).hasSize(SESSIONS).doesNotHaveDuplicates();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < SESSIONS; i++) {
        expected.add("exit-session-" + i);
      }
      assertThat(server.sessionNames()).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(out).doesNotContain("exit-key-91c4");
    }
  }
}
