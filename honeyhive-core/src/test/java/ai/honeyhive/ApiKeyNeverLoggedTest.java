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

/**
 * Without the agent, with the application's own SLF4J binding at TRACE for every logger
 * (HttpClient's {@code org.apache.hc.client5.http.headers} and {@code .wire} included), a child
 * JVM sends its sessions to a local server: the key arrives in the header and is in no line of the
 * process's output.
 */
@Timeout(120)
class ApiKeyNeverLoggedTest {
  private static final String KEY = "child-key-never-logged-5d21";

  @Test
  void httpClientLoggingAtTraceNeverPrintsTheKey() throws Exception {
    try (RecordingApiServer server = new RecordingApiServer()) {
      ProcessBuilder pb = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
          "-cp", System.getProperty("java.class.path"),
          ChildTracingMain.class.getName());
      pb.environment().keySet().removeIf(k -> k.startsWith("HH_"));
      pb.environment().put("HH_API_KEY", KEY);
      pb.environment().put("HH_PROJECT", "child-project");
      pb.environment().put("HH_API_URL", server.url());
      pb.redirectErrorStream(true);

      Process child = pb.start();
      CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(child.getInputStream()));
      boolean exited = child.waitFor(60, TimeUnit.SECONDS);
      if (!exited) {
        child.destroyForcibly();
      }
      String out = output.get(10, TimeUnit.SECONDS);

      assertThat(exited).as("child exited; output:%n%s", out).isTrue();
      assertThat(child.exitValue()).isZero();
      // HttpClient's header logging was on, and showed the header without its value
      assertThat(out).contains("org.apache.hc.client5.http.headers")
          .contains("Authorization: [redacted]")
          .doesNotContain(KEY);
      assertThat(server.received()).isNotEmpty().allSatisfy(r -> {
        assertThat(r.authorization()).isEqualTo("Bearer " + KEY);
        assertThat(r.body().path("events").size()).as("whole bodies").isPositive();
      });
      assertThat(server.eventNames()).hasSize(6);
      assertThat(server.sessionNames()).hasSize(3);
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
