package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * OpenTelemetry is optional: a real child JVM whose class path has none of it traces, propagates
 * and continues as usual, records no OpenTelemetry ids, and misses no class.
 */
@Timeout(120)
class PropagationWithoutOtelTest {

  @Test
  void withoutOpenTelemetryNothingChangesAndNoClassIsMissing() throws Exception {
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("opentelemetry"))
        .collect(Collectors.joining(File.pathSeparator));
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath, PropagationWithoutOtelMain.class.getName());
    pb.environment().keySet().removeIf(k -> k.startsWith("HH_"));
    pb.redirectErrorStream(true);
    Process child = pb.start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(child.exitValue()).as("output:%n%s", out).isZero();
    assertThat(out).contains("otel-absent")
        .contains("events=2 otelKeys=false joined=true hostilePresent=false rejected=2 internalErrors=0")
        .doesNotContain("NoClassDefFoundError").doesNotContain("ClassNotFoundException");
    // the refusal was said, without repeating what was sent
    assertThat(out).contains("incoming traceparent is not a valid W3C traceparent")
        .doesNotContain(PropagationWithoutOtelMain.HOSTILE_MARKER);
  }
}
