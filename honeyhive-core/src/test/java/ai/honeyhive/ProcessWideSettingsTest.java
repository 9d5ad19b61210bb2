package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The process-wide tracer reads both halves of its configuration through the one adapter, from a
 * real process's environment and system properties (the property winning); a tracer built in the
 * same process reads neither; {@code HoneyHive.configure(config)} takes the process's tracer settings
 * with the given connection, {@code Tracer.create(config)} the defaults.
 */
@Timeout(120)
class ProcessWideSettingsTest {

  @Test
  void hhVariablesAndPropertiesReachHoneyHiveTracerButNotABuiltTracer() throws Exception {
    ChildJvm.Result child = ChildJvm.run(ChildSettingsMain.class,
        List.of("-Dhoneyhive.max.depth=7", "-Dhoneyhive.sample.rate=0.5"), List.of(),
        Map.of("HH_SAMPLE_RATE", "0.25", "HH_SESSION_NAME", "nightly", "HH_SOURCE", "staging",
            "HH_EXPORT_CONSOLE", "false", "HH_EXPORT_FILE", "off"));

    assertThat(child.exited()).as("output:%n%s", child.output()).isTrue();
    assertThat(child.output())
        .contains("sampleRate=0.5 sessionName=nightly maxDepth=7 source=staging built=1.0 configured=0.5 created=1.0");
  }
}
