package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.test.StandInServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A real child JVM whose main returns with sessions still queued: the shutdown hook delivers them. */
@Timeout(120)
class ShutdownHookDeliveryTest {

  @Test
  void aJvmThatExitsNormallyDeliversWhatIsQueued() throws Exception {
    try (StandInServer server = StandInServer.start()) {
      ChildJvm.Result child = ChildJvm.run(ChildTracingMain.class, List.of(), List.of(), Map.of(
          "HH_API_KEY", "child-key-3c9e", "HH_PROJECT", "child-project", "HH_API_URL", server.url().toString(),
          // nothing is sent on the batch schedule before the JVM exits: only the hook can deliver
          "HH_BATCH_DELAY_MS", "600000"));
      boolean exited = child.exited();
      String out = child.output();

      assertThat(exited).as("child exited; output:%n%s", out).isTrue();
      assertThat(child.exitValue()).as("exit code; output:%n%s", out).isZero();
      assertThat(out).contains("child queued 6 sent 0");
      // the three sessions share one request, each announced by its session event
      assertThat(server.requests()).as("output:%n%s", out).hasSize(1);
      assertThat(server.requests()).allSatisfy(r -> {
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/events/batch");
        assertThat(r.header("Authorization")).isEqualTo("Bearer child-key-3c9e");
        assertThat(r.json().path("events")).hasSize(9);
      });
      assertThat(server.announcedSessionNames()).containsExactlyInAnyOrder("child-session-0", "child-session-1", "child-session-2");
      assertThat(server.createdEventNames()).containsExactlyInAnyOrder("child-session-0", "child-tool-0",
          "child-session-1", "child-tool-1", "child-session-2", "child-tool-2");
      assertThat(out).doesNotContain("child-key-3c9e");
    }
  }
}
