package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.test.StandInServer;
import java.util.List;
import java.util.Map;
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
    try (StandInServer server = StandInServer.start()) {
      ChildJvm.Result child = ChildJvm.run(ChildTracingMain.class,
          List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=trace"), List.of(),
          Map.of("HH_API_KEY", KEY, "HH_PROJECT", "child-project", "HH_API_URL", server.url().toString()));
      boolean exited = child.exited();
      String out = child.output();

      assertThat(exited).as("child exited; output:%n%s", out).isTrue();
      assertThat(child.exitValue()).isZero();
      // HttpClient's header logging was on, and showed the header without its value
      assertThat(out).contains("org.apache.hc.client5.http.headers")
          .contains("Authorization: [redacted]")
          .doesNotContain(KEY);
      assertThat(server.requests()).isNotEmpty().allSatisfy(r -> {
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(r.json().path("events").size()).as("whole bodies").isPositive();
      });
      assertThat(server.createdEventNames()).hasSize(6);
      assertThat(server.announcedSessionNames()).hasSize(3);
    }
  }
}
