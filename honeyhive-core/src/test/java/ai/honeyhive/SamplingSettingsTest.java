package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.honeyhive.config.ConfigSources;
import ai.honeyhive.config.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplingSettingsTest {

  private static TracerSettingsBuilder from(Map<String, String> env, Map<String, String> props) {
    return TracerSettings.builder(ConfigSources.of(env, props));
  }

  @Test
  void byDefaultEverySessionIsKeptAndErrorsAreNotSpecial() {
    TracerSettings c = from(Map.of(), Map.of()).build();
    assertThat(c.sampleRate()).isEqualTo(1.0);
    assertThat(c.sampleKeepErrors()).isFalse();
  }

  @Test
  void theEnvironmentSetsThemAndThePropertyWins() {
    TracerSettings env = from(Map.of("HH_SAMPLE_RATE", "0.25", "HH_SAMPLE_KEEP_ERRORS", "true"), Map.of()).build();
    assertThat(env.sampleRate()).isEqualTo(0.25);
    assertThat(env.sampleKeepErrors()).isTrue();

    TracerSettings prop = from(Map.of("HH_SAMPLE_RATE", "0.25"), Map.of("honeyhive.sample.rate", "0.5",
        "honeyhive.sample.keep.errors", "yes")).build();
    assertThat(prop.sampleRate()).isEqualTo(0.5);
    assertThat(prop.sampleKeepErrors()).isTrue();
  }

  @Test
  void theBuilderWinsAndSurvivesToBuilder() {
    TracerSettings c = from(Map.of("HH_SAMPLE_RATE", "0.25"), Map.of()).sampleRate(0.1).sampleKeepErrors(true).build();
    assertThat(c.sampleRate()).isEqualTo(0.1);
    TracerSettings copy = c.toBuilder().build();
    assertThat(copy.sampleRate()).isEqualTo(0.1);
    assertThat(copy.sampleKeepErrors()).isTrue();
    assertThat(c.toString()).contains("sampleRate=0.1", "sampleKeepErrors=true");
  }

  @Test
  void aRateOutsideZeroToOneOrNotANumberSaysWhereItCameFromAndWhatToUse() {
    assertThatThrownBy(() -> from(Map.of("HH_SAMPLE_RATE", "50%"), Map.of()).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("environment variable HH_SAMPLE_RATE")
        .hasMessageContaining("'50%'")
        .hasMessageContaining("from 0.0");
    assertThatThrownBy(() -> from(Map.of(), Map.of("honeyhive.sample.rate", "1.5")).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("system property honeyhive.sample.rate");
    assertThatThrownBy(() -> from(Map.of(), Map.of()).sampleRate(-0.1))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("sampleRate (-0.1)");
    assertThatThrownBy(() -> from(Map.of(), Map.of()).sampleRate(Double.NaN))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> from(Map.of("HH_SAMPLE_KEEP_ERRORS", "maybe"), Map.of()).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("HH_SAMPLE_KEEP_ERRORS");
  }

  @Test
  void tracingIsOffWithHhDisableTracing() {
    assertThat(from(Map.of("HH_DISABLE_TRACING", "true"), Map.of()).build().tracingEnabled()).isFalse();
    assertThat(from(Map.of(), Map.of("honeyhive.disable.tracing", "on")).build().tracingEnabled()).isFalse();
    assertThat(from(Map.of("HH_DISABLE_TRACING", "true"), Map.of()).tracingEnabled(true).build().tracingEnabled()).isTrue();
  }
}
