package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.config.ConfigSources;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.transport.export.InMemoryExporter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A builder never reads the process: a test written from the docs does not pick up the
 * developer's own HH_SAMPLE_RATE. Only ConfigSources (behind HoneyHive.tracer(),
 * HoneyHiveClient.create(), the agent and the Spring starter) maps system properties and the
 * environment onto the builders. The environment cannot be set in-process, so the system property
 * stands in for it here, and the variable is shown through a given environment map.
 */
class BuildersArePureTest {
  @AfterEach
  void clearProperties() {
    System.clearProperty("honeyhive.sample.rate");
    System.clearProperty("honeyhive.source");
    System.clearProperty("honeyhive.max.depth");
  }

  @Test
  void aBuiltTracerIgnoresSystemPropertiesThatConfigSourcesReads() {
    System.setProperty("honeyhive.sample.rate", "0.25");
    System.setProperty("honeyhive.source", "from-property");
    System.setProperty("honeyhive.max.depth", "3");

    Tracer tracer = Tracer.builder().exporter(new InMemoryExporter()).build();
    try {
      assertThat(tracer.settings().sampleRate()).isEqualTo(1.0);
      assertThat(tracer.settings().maxDepth()).isEqualTo(TracerSettings.DEFAULT_MAX_DEPTH);
      assertThat(tracer.config().source()).isEqualTo("dev");
    } finally {
      tracer.shutdown(java.time.Duration.ofSeconds(5));
    }
    assertThat(TracerSettings.builder().build().sampleRate()).isEqualTo(1.0);
    assertThat(HoneyHiveConfig.builder().build().source()).isEqualTo("dev");

    // the adapter is what reads them
    assertThat(TracerSettings.builder(ConfigSources.system()).build().sampleRate()).isEqualTo(0.25);
    assertThat(HoneyHiveConfig.fromEnvironment().source()).isEqualTo("from-property");
    assertThat(ConfigSources.system().configBuilder().build().source()).isEqualTo("from-property");
  }

  @Test
  void theAdapterMapsHhVariablesAndPropertiesInOrderAndTheBuilderWins() {
    Map<String, String> env = Map.of("HH_SAMPLE_RATE", "0.5", "HH_SOURCE", "from-env");
    Map<String, String> props = Map.of("honeyhive.source", "from-property");

    ConfigSources sources = ConfigSources.of(env, props);
    assertThat(TracerSettings.builder(sources).build().sampleRate()).isEqualTo(0.5);
    assertThat(sources.configBuilder().build().source()).isEqualTo("from-property");
    assertThat(TracerSettings.builder(sources).sampleRate(0.75).build().sampleRate()).isEqualTo(0.75);
  }

  @Test
  void aFilesEntriesComeAfterPropertiesAndTheEnvironmentAndSayWhereTheyCameFrom() {
    java.nio.file.Path file = java.nio.file.Path.of("/etc/honeyhive.properties");
    ConfigSources sources = ConfigSources.of(Map.of("HH_SOURCE", "from-env"), Map.of())
        .thenFile(Map.of("honeyhive.source", "from-file", "honeyhive.sample.rate", "0.1"), file);

    assertThat(sources.configBuilder().build().source()).isEqualTo("from-env");
    assertThat(TracerSettings.builder(sources).build().sampleRate()).isEqualTo(0.1);
    assertThat(sources.find("honeyhive.sample.rate")).hasValueSatisfying(s ->
        assertThat(s.origin()).isEqualTo("honeyhive.sample.rate in " + file));
  }
}
