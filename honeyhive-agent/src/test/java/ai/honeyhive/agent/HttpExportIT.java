package ai.honeyhive.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.honeyhive.test.StandInServer;
import java.util.List;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With an API key, the sample run under the agent delivers its sessions to the HoneyHive API:
 * here a real HTTP server on 127.0.0.1. The application exits right after its work, so the
 * sessions arrive through the shutdown hook's flush.
 */
class HttpExportIT {
  private static final String KEY = "hh-it-secret-key";

  private final StandInServer server = StandInServer.start();

  @AfterEach
  void stopServer() {
    server.close();
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
        .env("HH_API_URL", server.url().toString())
        .run();

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.stdout() + run.stderr()).doesNotContain(KEY);
    assertThat(server.requests()).isNotEmpty().allSatisfy(r -> {
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.path()).isEqualTo("/events/batch");
      assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
      assertThat(r.header("Content-Type")).startsWith("application/json");
    });
    // the default multi-session form: each session announced once by its own session event
    List<StandInServer.Session> sessions = server.sessions();
    assertThat(sessions).hasSize(2).allSatisfy(s -> {
      assertThat(s.events()).extracting(e -> e.get("event_name").asText()).containsExactlyInAnyOrder(
          "support_question", "retrieve_documents", "search_faq", "web_search", "generate_answer", "postprocess");
      assertThat(s.events()).allSatisfy(e -> assertThat(e.get("project").asText()).isEqualTo("agent-it"));
    });
    assertThat(server.announcedSessionIds()).containsExactlyInAnyOrderElementsOf(
        sessions.stream().map(StandInServer.Session::id).toList());
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
