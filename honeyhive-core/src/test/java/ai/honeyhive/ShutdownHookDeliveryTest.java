package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A real child JVM whose main returns with sessions still queued: the shutdown hook delivers them. */
@Timeout(120)
class ShutdownHookDeliveryTest {

  @Test
  void aJvmThatExitsNormallyDeliversWhatIsQueued() throws Exception {
    try (RecordingApiServer server = new RecordingApiServer()) {
      ProcessBuilder pb = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          ChildTracingMain.class.getName());
      pb.environment().keySet().removeIf(k -> k.startsWith("HH_"));
      pb.environment().put("HH_API_KEY", "child-key-3c9e");
      pb.environment().put("HH_PROJECT", "child-project");
      pb.environment().put("HH_API_URL", server.url());
      // nothing is sent on the batch schedule before the JVM exits: only the hook can deliver
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
      assertThat(out).contains("child queued 6 sent 0");
      // the three sessions share one request, each announced by its session event
      assertThat(server.received()).as("output:%n%s", out).hasSize(1);
      assertThat(server.received()).allSatisfy(r -> {
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/events/batch");
        assertThat(r.authorization()).isEqualTo("Bearer child-key-3c9e");
        assertThat(r.body().path("events")).hasSize(9);
      });
      assertThat(server.sessionNames()).containsExactlyInAnyOrder("child-session-0", "child-session-1", "child-session-2");
      assertThat(server.eventNames()).containsExactlyInAnyOrder("child-session-0", "child-tool-0",
          "child-session-1", "child-tool-1", "child-session-2", "child-tool-2");
      assertThat(out).doesNotContain("child-key-3c9e");
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
