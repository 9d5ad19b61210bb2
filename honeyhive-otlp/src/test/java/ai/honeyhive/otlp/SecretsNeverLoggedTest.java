package ai.honeyhive.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A child JVM with every logger at TRACE (HttpClient's header and wire loggers included) sends a
 * session over OTLP: the key and a Collector token arrive in their headers and appear in no line
 * of the process's output.
 */
@Timeout(120)
class SecretsNeverLoggedTest {
  private static final String KEY = "otlp-child-key-never-logged-81f2";
  private static final String TOKEN = "collector-token-never-logged-77aa";

  @Test
  void traceLevelLoggingNeverPrintsTheKeyOrHeaderValues() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb = new ProcessBuilder(java, "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
          "-cp", System.getProperty("java.class.path"), ChildOtlpMain.class.getName(),
          receiver.url("/v1/traces").toString())
          .redirectErrorStream(true)
          .redirectOutput(File.createTempFile("otlp-child", ".log"));
      pb.environment().put("CHILD_KEY", KEY);
      pb.environment().put("CHILD_TOKEN", TOKEN);
      Process p = pb.start();
      boolean exited = p.waitFor(90, TimeUnit.SECONDS);
      if (!exited) {
        p.destroyForcibly();
      }
      String out = Files.readString(pb.redirectOutput().file().toPath(), StandardCharsets.UTF_8);

      assertThat(exited).as("child exited; output:%n%s", out).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out).contains("org.apache.hc.client5.http.headers")
          .contains("Authorization: [redacted]")
          .contains("X-Collector-Token: [redacted]")
          .contains("exporter: OtlpExporter[")
          .doesNotContain(KEY)
          .doesNotContain(TOKEN);
      List<OtlpReceiver.Received> got = receiver.received();
      assertThat(got).isNotEmpty().allSatisfy(r -> {
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(r.header("X-Collector-Token")).isEqualTo(TOKEN);
      });
      assertThat(receiver.spans()).extracting(s -> s.getName()).containsExactly("child-chain");
    }
  }
}
