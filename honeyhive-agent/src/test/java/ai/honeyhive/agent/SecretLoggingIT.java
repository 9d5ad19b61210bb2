package ai.honeyhive.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.test.StandInServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API key never reaches a log, whatever the application turns its logging up to: a woven app
 * runs under the agent with every java.util.logging logger (the agent's relocated SLF4J and
 * HttpClient log there, as {@code ai.honeyhive.shaded.hc.client5.http.headers} and {@code .wire})
 * and SLF4J's simple logger at their most verbose, and the whole output is searched for the key,
 * while the local server checks that the key did arrive in the header and the bodies are whole, and
 * that secrets in the traced values were masked, by shape and by name, before they were sent.
 */
class SecretLoggingIT {
  private static final String KEY = "hh-it-leak-check-7f3a91c2";
  private static final String PASTED_KEY = "sk-proj-Zq81bXc02Lm93Nv4Pw5Rt6Yu7Io8Kj9Hg0Fd";
  private static final String DB_PASSWORD = "pw-in-url-55e1";

  private final StandInServer server = StandInServer.start();

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void theKeyIsInNoLogAtAnyLevel() throws IOException {
    Path classes = ChildJvm.javac(ChildJvm.sources(ChildJvm.APPS.resolve("secrets")),
        ChildJvm.workDir("leak-classes"), ChildJvm.sampleCompileClasspath());
    Path dir = ChildJvm.workDir("leak-run");
    Path logging = Files.writeString(dir.resolve("logging.properties"), String.join("\n",
        "handlers=java.util.logging.ConsoleHandler",
        ".level=ALL",
        "ai.honeyhive.level=ALL",
        "ai.honeyhive.shaded.hc.client5.http.headers.level=ALL",
        "ai.honeyhive.shaded.hc.client5.http.wire.level=ALL",
        "java.util.logging.ConsoleHandler.level=ALL",
        // the logger's name on each line, so the test can tell HttpClient's lines from the rest
        "java.util.logging.SimpleFormatter.format=%4$s %3$s: %5$s%6$s%n",
        ""));

    ChildJvm.Result run = new ChildJvm.Launch(dir, "com.example.secrets.SecretsApp")
        .agent().classpath(classes)
        .jvmArg("-Djava.util.logging.config.file=" + logging)
        .jvmArg("-Dorg.slf4j.simpleLogger.defaultLogLevel=trace")
        .arg("Why does my key " + PASTED_KEY + " fail against postgres://app:" + DB_PASSWORD + "@db/prod?")
        .env("HH_API_KEY", KEY)
        .env("HH_PROJECT", "leak-it")
        .env("HH_API_URL", server.url().toString())
        .env("HH_AGENT_DIAGNOSTICS", "true")
        .env("HH_BATCH_DELAY_MS", "10")
        .run();

    String output = run.stdout() + run.stderr();
    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.stdout()).contains("flushed: true");
    // the logging really was at its most verbose: the relocated HttpClient logged the exchange
    assertThat(output).contains("ai.honeyhive.shaded.hc.client5.http.headers").contains("/events/batch");
    assertThat(output).doesNotContain(KEY);
    assertThat(server.requests()).isNotEmpty().allSatisfy(r -> {
      assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
      assertThat(r.json().path("events").isArray()).isTrue();
    });
    // secrets in captured values were masked before they left the process: by shape and by name
    String wire = server.requests().stream().map(r -> r.json().toString()).reduce("", String::concat);
    assertThat(wire).doesNotContain(PASTED_KEY).doesNotContain(DB_PASSWORD).doesNotContain("hunter2-db")
        .contains("Why does my key [redacted] fail against postgres://app:[redacted]@db/prod?")
        .contains("\"db_password\":\"[redacted]\"").contains("\"max_tokens\":256");
    assertThat(server.createdEventNames()).contains("ask", "complete");
  }
}
