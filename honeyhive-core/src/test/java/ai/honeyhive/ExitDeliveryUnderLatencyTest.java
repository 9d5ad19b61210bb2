package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.test.Fault;
import ai.honeyhive.test.StandInServer;
import java.time.Duration;
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
    try (StandInServer server = StandInServer.start()) {
      server.answerAll(Fault.delay(Duration.ofMillis(300)));
      ChildJvm.Result child = ChildJvm.run(ChildManySessionsMain.class, List.of(), List.of(String.valueOf(SESSIONS)),
          Map.of("HH_API_KEY", "exit-key-91c4", "HH_PROJECT", "exit-project", "HH_API_URL", server.url().toString()));
      boolean exited = child.exited();
      String out = child.output();

      assertThat(exited).as("child exited; output:%n%s", out).isTrue();
      assertThat(child.exitValue()).as("exit code; output:%n%s", out).isZero();
      assertThat(out).contains("child produced " + SESSIONS + " sessions");
      assertThat(server.createdEventIds()).as("output:%n%s", out).hasSize(3 * SESSIONS).doesNotHaveDuplicates();
      assertThat(server.announcedSessionNames()).hasSize(SESSIONS).doesNotHaveDuplicates();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < SESSIONS; i++) {
        expected.add("exit-session-" + i);
      }
      assertThat(server.announcedSessionNames()).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(out).doesNotContain("exit-key-91c4");
    }
  }
}
