package ai.honeyhive.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.internal.Setting;
import ai.honeyhive.transport.model.EventType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentSettingsTest {
  @TempDir
  Path dir;

  private Path file(String content) throws Exception {
    return Files.writeString(dir.resolve("honeyhive.properties"), content);
  }

  @Test
  void defaultsWeaveEverythingInScopeQuietlyWithTheLibrarysConfiguration() {
    AgentSettings s = AgentSettings.load(null, Map.of(), Map.of());

    assertThat(s.methods()).isEmpty();
    assertThat(s.diagnostics()).isFalse();
    assertThat(s.instrumentOpenAi()).isFalse();
    assertThat(s.scope().excludes()).contains("com.openai..*");
    assertThat(s.scope().includes()).isEmpty();
    assertThat(s.configFile()).isEmpty();
    assertThat(s.config().project()).isEqualTo("default");
    assertThat(s.tracerSettings().tracingEnabled()).isTrue();
  }

  @Test
  void environmentVariablesFollowTheLibrarysNaming() {
    assertThat(Setting.AGENT_TRACE_METHODS.variable()).isEqualTo("HH_AGENT_TRACE_METHODS");
    assertThat(Setting.AGENT_INCLUDE.variable()).isEqualTo("HH_AGENT_INCLUDE");

    AgentSettings s = AgentSettings.load(null, Map.of(
        "HH_AGENT_INCLUDE", "com.acme",
        "HH_AGENT_DIAGNOSTICS", "yes",
        "HH_AGENT_TRACE_METHODS", "com.acme.Client#complete=model",
        "HH_PROJECT", "env-project",
        "HH_API_KEY", "hh-secret"), Map.of());

    assertThat(s.scope().includes()).contains("com.acme..*");
    assertThat(s.diagnostics()).isTrue();
    assertThat(s.methods()).extracting(ConfiguredMethod::type).containsExactly(EventType.MODEL);
    assertThat(s.config().project()).isEqualTo("env-project");
    assertThat(s.config().apiKey()).contains("hh-secret");
  }

  @Test
  void systemPropertiesBeatTheEnvironmentWhichBeatsTheFile() throws Exception {
    Path f = file("""
        honeyhive.project=file-project
        honeyhive.source=file-source
        honeyhive.session.name=file-session
        honeyhive.agent.include=com.file
        honeyhive.agent.exclude=com.file.gen
        honeyhive.agent.trace.methods=com.file.Client#go=tool
        """);

    AgentSettings s = AgentSettings.load(f.toString(),
        Map.of("HH_SOURCE", "env-source", "HH_PROJECT", "env-project", "HH_AGENT_INCLUDE", "com.env"),
        Map.of("honeyhive.project", "prop-project", "honeyhive.agent.include", "com.prop"));

    assertThat(s.config().project()).isEqualTo("prop-project");
    assertThat(s.config().source()).isEqualTo("env-source");
    assertThat(s.tracerSettings().sessionName()).contains("file-session");
    assertThat(s.scope().includes()).contains("com.prop..*").doesNotContain("com.env..*", "com.file..*");
    assertThat(s.scope().excludes()).contains("com.file.gen..*");
    assertThat(s.methods()).extracting(ConfiguredMethod::className).containsExactly("com.file.Client");
    assertThat(s.configFile()).contains(f.toAbsolutePath().normalize());
  }

  @Test
  void theFileIsNamedByTheAgentArgumentElseByPropertyOrEnvironment() throws Exception {
    Path f = file("honeyhive.agent.include=com.fromfile\n");

    assertThat(AgentSettings.load(null, Map.of("HH_AGENT_CONFIG", f.toString()), Map.of()).scope().includes())
        .contains("com.fromfile..*");
    assertThat(AgentSettings.load(null, Map.of(), Map.of("honeyhive.agent.config", f.toString())).scope().includes())
        .contains("com.fromfile..*");
    assertThat(AgentSettings.load(" " + f + " ", Map.of("HH_AGENT_CONFIG", "/nowhere"), Map.of()).configFile())
        .contains(f);
  }

  @Test
  void aFileThatCannotBeReadIsAnErrorNamingItAndWhoNamedIt() {
    Path missing = dir.resolve("missing.properties");

    assertThatThrownBy(() -> AgentSettings.load(null, Map.of("HH_AGENT_CONFIG", missing.toString()), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("cannot read the agent configuration file " + missing)
        .hasMessageContaining("named by environment variable HH_AGENT_CONFIG");
  }

  @Test
  void unknownKeysInTheFileAreErrors() throws Exception {
    Path f = file("project=oops\nhoneyhive.agent.includes=com.acme\nhoneyhive.agent.config=other\n");

    assertThatThrownBy(() -> AgentSettings.load(f.toString(), Map.of(), Map.of()))
        .hasMessageContaining("unknown setting 'project' in " + f)
        .hasMessageContaining("unknown setting 'honeyhive.agent.includes' in " + f)
        .hasMessageContaining("'honeyhive.agent.config' in " + f + " has no effect there");
  }

  @Test
  void aKeyPastedOnALineOfItsOwnIsNotEchoed() throws Exception {
    Path f = file("hh_live_9f8e7d6c5b4a3210\nhoneyhive.project=p\n");

    assertThatThrownBy(() -> AgentSettings.load(f.toString(), Map.of(), Map.of()))
        .hasMessageContaining("unknown setting (a name that does not start with honeyhive., not shown) in " + f)
        .hasMessageNotContaining("9f8e7d6c5b4a3210");
  }

  @Test
  void allProblemsAreReportedTogetherWithTheirOrigin() throws Exception {
    Path f = file("honeyhive.agent.trace.methods=com.acme.Client.complete=model\n");

    assertThatThrownBy(() -> AgentSettings.load(f.toString(),
        Map.of("HH_AGENT_DIAGNOSTICS", "maybe", "HH_AGENT_STRICT", "sure"),
        Map.of("honeyhive.agent.include", "com..x")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("invalid entry 'com.acme.Client.complete=model' in honeyhive.agent.trace.methods in " + f
            + ": it has no '#' between the class and the method name")
        .hasMessageContaining("invalid entry 'com..x' in system property honeyhive.agent.include")
        .hasMessageContaining("environment variable HH_AGENT_DIAGNOSTICS must be true or false, but was 'maybe'")
        .hasMessageContaining("environment variable HH_AGENT_STRICT must be true or false, but was 'sure'");
  }

  @Test
  void theLibrarysOwnErrorsAreReportedAndTheKeyNeverShown() {
    assertThatThrownBy(() -> AgentSettings.load(null, Map.of("HH_API_KEY", "hh-very-secret"), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("An API key is configured but no project")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hh-very-secret"));
  }

  @Test
  void strictIsReadFromPropertyThenEnvironmentOnly() {
    assertThat(AgentSettings.strict(Map.of(), Map.of())).isFalse();
    assertThat(AgentSettings.strict(Map.of("HH_AGENT_STRICT", "true"), Map.of())).isTrue();
    assertThat(AgentSettings.strict(Map.of("HH_AGENT_STRICT", "true"), Map.of("honeyhive.agent.strict", "off")))
        .isFalse();
    assertThat(AgentSettings.strict(Map.of("HH_AGENT_STRICT", "sure"), Map.of())).isFalse();
  }

  @Test
  void theOpenAiSwitchIsReadFromTheEnvironmentAndExemptsTheSdksBuildersFromTheDefaultExclusion() {
    assertThat(Setting.AGENT_INSTRUMENT_OPENAI.variable()).isEqualTo("HH_AGENT_INSTRUMENT_OPENAI");

    AgentSettings s = AgentSettings.load(null, Map.of("HH_AGENT_INSTRUMENT_OPENAI", "true"), Map.of());

    assertThat(s.instrumentOpenAi()).isTrue();
    assertThat(s.scope().excludes()).contains("com.openai..* && !com.openai.client.okhttp..*");
    assertThatThrownBy(() -> AgentSettings.load(null, Map.of("HH_AGENT_INSTRUMENT_OPENAI", "sometimes"), Map.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("HH_AGENT_INSTRUMENT_OPENAI");
  }
}
