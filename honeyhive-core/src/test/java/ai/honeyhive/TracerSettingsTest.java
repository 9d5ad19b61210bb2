package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.honeyhive.config.ConfigSources;
import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.config.internal.Setting;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tracer's own settings: defaults, the local outputs against the API key, sources, toBuilder. */
class TracerSettingsTest {
  private static final HoneyHiveConfig LOCAL = HoneyHiveConfig.builder().build();
  private static final HoneyHiveConfig WITH_KEY = HoneyHiveConfig.builder().apiKey("hh-secret-key").project("p").build();

  private static TracerSettingsBuilder from(Map<String, String> env, Map<String, String> props) {
    return TracerSettings.builder(ConfigSources.of(env, props));
  }

  @Test
  void defaultsWithNothingConfiguredPrintAndWriteLocally() {
    TracerSettings s = TracerSettings.builder().build();
    assertThat(s.sessionName()).isEmpty();
    assertThat(s.verbose()).isFalse();
    assertThat(s.tracingEnabled()).isTrue();
    assertThat(s.exportConsole(LOCAL)).isTrue();
    assertThat(s.exportFile(LOCAL)).contains(Path.of("honeyhive-traces.jsonl"));
  }

  @Test
  void anApiKeyMakesTheApiTheDefaultOutput() {
    TracerSettings s = from(Map.of("HH_SESSION_NAME", "nightly", "HH_VERBOSE", "true"), Map.of()).build();
    assertThat(s.sessionName()).contains("nightly");
    assertThat(s.verbose()).isTrue();
    assertThat(s.exportConsole(WITH_KEY)).as("an API key makes the API the default").isFalse();
    assertThat(s.exportFile(WITH_KEY)).isEmpty();
    assertThat(TracerSettings.builder().exportConsole(true).build().exportConsole(WITH_KEY)).isTrue();
  }

  @Test
  void builderBeatsPropertyBeatsEnvironment() {
    Map<String, String> env = Map.of("HH_SESSION_NAME", "env-session", "HH_MAX_DEPTH", "5");
    Map<String, String> props = Map.of("honeyhive.session.name", "prop-session");
    TracerSettings s = from(env, props).maxDepth(9).build();
    assertThat(s.sessionName()).contains("prop-session");
    assertThat(s.maxDepth()).isEqualTo(9);
    assertThat(from(env, Map.of()).build().sessionName()).contains("env-session");
  }

  @Test
  void disableTracingSwitch() {
    assertThat(from(Map.of("HH_DISABLE_TRACING", "true"), Map.of()).build().tracingEnabled()).isFalse();
    assertThat(from(Map.of("HH_DISABLE_TRACING", "true"), Map.of()).tracingEnabled(true).build().tracingEnabled()).isTrue();
  }

  @Test
  void exportFileCanBeMovedOrSwitchedOff() {
    assertThat(from(Map.of("HH_EXPORT_FILE", "/tmp/x/t.jsonl"), Map.of()).build().exportFile(WITH_KEY))
        .contains(Path.of("/tmp/x/t.jsonl"));
    assertThat(from(Map.of("HH_EXPORT_FILE", "off"), Map.of()).build().exportFile(LOCAL)).isEmpty();
    assertThat(TracerSettings.builder().exportFile(null).build().exportFile(LOCAL)).isEmpty();
  }

  @Test
  void malformedValuesNameTheSettingAndTheFix() {
    assertThatThrownBy(() -> from(Map.of("HH_VERBOSE", "maybe"), Map.of()).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("environment variable HH_VERBOSE must be true or false, but was 'maybe'");
    assertThatThrownBy(() -> from(Map.of(), Map.of("honeyhive.max.session.age.ms", "5")).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("system property honeyhive.max.session.age.ms must be between 1000 and 2147483647 milliseconds,"
            + " but was 5");
  }

  @Test
  void theJsonlCapIsASettingWithADocumentedDefault() {
    assertThat(TracerSettings.builder().build().jsonlMaxBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(from(Map.of("HH_JSONL_MAX_BYTES", "1_000_000"), Map.of()).build().jsonlMaxBytes()).isEqualTo(1_000_000);
    assertThat(from(Map.of(), Map.of("honeyhive.jsonl.max.bytes", "8192")).build().jsonlMaxBytes()).isEqualTo(8192);
    assertThatThrownBy(() -> from(Map.of("HH_JSONL_MAX_BYTES", "lots"), Map.of()).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("HH_JSONL_MAX_BYTES");
    assertThatThrownBy(() -> from(Map.of("HH_JSONL_MAX_BYTES", "10"), Map.of()).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("at least 4096");
    assertThatThrownBy(() -> TracerSettings.builder().jsonlMaxBytes(10))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("jsonlMaxBytes must be at least 4096");
  }

  @Test
  void toBuilderKeepsEveryValueAndWhatWasLeftToTheDefault() {
    TracerSettings s = TracerSettings.builder().sessionName("n").sampleRate(0.5).sampleKeepErrors(true)
        .maxSessionEvents(200).maxSessionAge(java.time.Duration.ofMinutes(2)).maxStringLength(64)
        .maxCollectionSize(3).maxDepth(2).maxEventBytes(8_192).redactKeys("pin").scanSecretValues(false)
        .verbose(true).jsonlMaxBytes(8_192).tracingEnabled(false).build();
    TracerSettings copy = s.toBuilder().build();
    assertThat(copy.toString()).isEqualTo(s.toString());
    assertThat(copy.exportConsole(LOCAL)).isTrue();
    assertThat(copy.exportConsole(WITH_KEY)).isFalse();
    assertThat(copy.exportFile(LOCAL)).contains(TracerSettings.DEFAULT_EXPORT_FILE);
    TracerSettings off = TracerSettings.builder().exportConsole(false).exportFile(null).build().toBuilder().build();
    assertThat(off.exportConsole(LOCAL)).isFalse();
    assertThat(off.exportFile(LOCAL)).isEmpty();
  }

  /** docs/configuration.md is generated from Setting (ConfigurationDocTest in transport); its defaults are these. */
  @Test
  void theDeclaredDefaultsAreTheOnesTheTracerUses() {
    TracerSettings d = TracerSettings.builder().build();
    assertThat(Setting.MAX_STRING_LENGTH.defaultValue()).startsWith("`" + d.maxStringLength() + "`");
    assertThat(Setting.MAX_COLLECTION_SIZE.defaultValue()).startsWith("`" + d.maxCollectionSize() + "`");
    assertThat(Setting.MAX_DEPTH.defaultValue()).startsWith("`" + d.maxDepth() + "`");
    assertThat(Setting.MAX_EVENT_BYTES.defaultValue()).startsWith("`" + d.maxEventBytes() + "`");
    assertThat(Setting.MAX_SESSION_EVENTS.defaultValue()).startsWith("`" + d.maxSessionEvents() + "`");
    assertThat(Setting.MAX_SESSION_AGE_MS.defaultValue()).startsWith("`" + d.maxSessionAge().toMillis() + "`");
    assertThat(Setting.JSONL_MAX_BYTES.defaultValue()).startsWith("`" + d.jsonlMaxBytes() + "`");
    assertThat(Setting.SAMPLE_RATE.defaultValue()).startsWith("`" + d.sampleRate() + "`");
    assertThat(Setting.SAMPLE_KEEP_ERRORS.defaultValue()).isEqualTo("`" + d.sampleKeepErrors() + "`");
    assertThat(Setting.SCAN_SECRET_VALUES.defaultValue()).isEqualTo("`" + d.scanSecretValues() + "`");
    assertThat(Setting.VERBOSE.defaultValue()).isEqualTo("`" + d.verbose() + "`");
    assertThat(Setting.EXPORT_FILE.defaultValue()).startsWith("`" + TracerSettings.DEFAULT_EXPORT_FILE + "`");
  }

  @Test
  void everyTracerSettingIsReadByTheTracerSettingsBuilder() {
    // each TRACER setting, set to a valid non-default value through the sources, changes what is built
    Map<Setting, String> values = new java.util.EnumMap<>(Setting.class);
    values.put(Setting.SESSION_NAME, "n");
    values.put(Setting.VERBOSE, "true");
    values.put(Setting.DISABLE_TRACING, "true");
    values.put(Setting.EXPORT_FILE, "x.jsonl");
    values.put(Setting.JSONL_MAX_BYTES, "8192");
    values.put(Setting.EXPORT_CONSOLE, "false");
    values.put(Setting.SAMPLE_RATE, "0.5");
    values.put(Setting.SAMPLE_KEEP_ERRORS, "true");
    values.put(Setting.MAX_SESSION_EVENTS, "200");
    values.put(Setting.MAX_SESSION_AGE_MS, "5000");
    values.put(Setting.MAX_STRING_LENGTH, "100");
    values.put(Setting.MAX_COLLECTION_SIZE, "10");
    values.put(Setting.MAX_DEPTH, "5");
    values.put(Setting.MAX_EVENT_BYTES, "8192");
    values.put(Setting.REDACT_KEYS, "ssn");
    values.put(Setting.SCAN_SECRET_VALUES, "false");
    for (Setting s : Setting.values()) {
      if (s.group() == Setting.Group.TRACER) {
        assertThat(values).as("a test value for %s", s).containsKey(s);
        String built = from(Map.of(), Map.of(s.property(), values.get(s))).build().toString();
        assertThat(built).as("%s read from its property", s).isNotEqualTo(TracerSettings.builder().build().toString());
      }
    }
  }
}
