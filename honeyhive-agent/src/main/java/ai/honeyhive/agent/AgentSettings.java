package ai.honeyhive.agent;

import ai.honeyhive.config.ConfigSources;
import ai.honeyhive.config.ConfigSources.Sourced;
import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.HoneyHiveConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Everything the agent is started with: the tracer's configuration (the library's settings) and
 * the agent's own (weaving scope, traced methods, diagnostics).
 *
 * <p>Every setting is read through {@link ConfigSources}, in order: a {@code honeyhive.*} system
 * property, the matching {@code HH_*} environment variable, the agent's configuration file, the default. The file is a
 * Java properties file whose keys are the system property names; it is named by the agent
 * argument ({@code -javaagent:honeyhive-agent.jar=/etc/honeyhive.properties}), else by
 * {@code honeyhive.agent.config} / {@code HH_AGENT_CONFIG}.
 */
record AgentSettings(HoneyHiveConfig tracerConfig, WeavingScope scope, List<ConfiguredMethod> methods,
    boolean diagnostics, boolean instrumentOpenAi, Optional<Path> configFile) {

  /** The agent's own settings; their environment variables follow the library's rule ({@link ConfigSources#variableOf}). */
  enum Key {
    CONFIG("honeyhive.agent.config"),
    INCLUDE("honeyhive.agent.include"),
    EXCLUDE("honeyhive.agent.exclude"),
    TRACE_METHODS("honeyhive.agent.trace.methods"),
    DIAGNOSTICS("honeyhive.agent.diagnostics"),
    STRICT("honeyhive.agent.strict"),
    INSTRUMENT_OPENAI("honeyhive.agent.instrument.openai");

    final String property;
    final String env;

    Key(String property) {
      this.property = property;
      this.env = ConfigSources.variableOf(property);
    }
  }

  /**
   * Reads and checks every setting. Problems are collected, so one start reports them all.
   *
   * @param agentArgument the {@code -javaagent:...=} argument, or null
   * @param properties the process's system properties (only {@code honeyhive.*} ones are read)
   * @throws ConfigurationException naming each invalid setting, where it came from and what to do
   */
  static AgentSettings load(String agentArgument, Map<String, String> environment, Map<String, String> properties) {
    ConfigSources withoutFile = ConfigSources.of(environment, properties);
    Sourced location = agentArgument != null && !agentArgument.isBlank()
        ? new Sourced(agentArgument.strip(), "the -javaagent argument")
        : withoutFile.find(Key.CONFIG.property).orElse(null);
    Optional<Path> file = configFile(location);
    ConfigSources sources = file.isEmpty()
        ? withoutFile
        : withoutFile.thenFile(readFile(file.get(), location.origin()), file.get());
    List<String> errors = new ArrayList<>();

    List<ConfiguredMethod> methods = List.of();
    Sourced traced = sources.find(Key.TRACE_METHODS.property).orElse(null);
    if (traced != null) {
      try {
        methods = ConfiguredMethod.parseList(traced.value(), traced.origin());
      } catch (ConfigurationException e) {
        errors.add(e.getMessage());
      }
    }

    boolean instrumentOpenAi = false;
    try {
      instrumentOpenAi = sources.find(Key.INSTRUMENT_OPENAI.property).map(Sourced::asBoolean).orElse(false);
    } catch (ConfigurationException e) {
      errors.add(e.getMessage());
    }

    WeavingScope scope = null;
    Sourced include = sources.find(Key.INCLUDE.property).orElse(null);
    Sourced exclude = sources.find(Key.EXCLUDE.property).orElse(null);
    try {
      scope = WeavingScope.of(include == null ? null : include.value(), include == null ? null : include.origin(),
          exclude == null ? null : exclude.value(), exclude == null ? null : exclude.origin(), methods,
          instrumentOpenAi ? List.of(AopXml.OPENAI_BUILDERS) : List.of());
    } catch (ConfigurationException e) {
      errors.add(e.getMessage());
    }

    boolean diagnostics = false;
    try {
      diagnostics = sources.find(Key.DIAGNOSTICS.property).map(Sourced::asBoolean).orElse(false);
    } catch (ConfigurationException e) {
      errors.add(e.getMessage());
    }
    try {
      sources.find(Key.STRICT.property).map(Sourced::asBoolean);
    } catch (ConfigurationException e) {
      errors.add(e.getMessage());
    }

    HoneyHiveConfig config = null;
    try {
      config = sources.configBuilder().build();
    } catch (ConfigurationException e) {
      errors.add(e.getMessage());
    }

    if (!errors.isEmpty()) {
      throw new ConfigurationException(String.join(System.lineSeparator(), errors));
    }
    return new AgentSettings(config, scope, methods, diagnostics, instrumentOpenAi, file);
  }

  /**
   * Whether a configuration error stops the JVM. Read from the system property and the
   * environment only, so that it also covers a configuration file that cannot be read; a value
   * that is not a boolean counts as false (and is reported with the other errors).
   */
  static boolean strict(Map<String, String> environment, Map<String, String> properties) {
    try {
      return ConfigSources.of(environment, properties).find(Key.STRICT.property).map(Sourced::asBoolean).orElse(false);
    } catch (ConfigurationException e) {
      return false;
    }
  }

  /** The configuration file named by the agent argument, else by {@code honeyhive.agent.config}; empty when none is. */
  private static Optional<Path> configFile(Sourced location) {
    if (location == null || location.value().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(location.value()).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      throw new ConfigurationException("the agent configuration file named by " + location.origin()
          + " is not a valid path: '" + location.value() + "'");
    }
  }

  /**
   * The file's entries, keyed by system property name; {@link ConfigSources#thenFile} ranks them below
   * system properties and the environment. Keys that are not settings are errors, reported together.
   */
  private static Map<String, String> readFile(Path file, String namedBy) {
    Properties loaded = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      loaded.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigurationException("cannot read the agent configuration file " + file + " (named by "
          + namedBy + "): " + e);
    }
    Map<String, String> entries = new HashMap<>();
    List<String> errors = new ArrayList<>();
    for (String key : loaded.stringPropertyNames()) {
      String k = key.strip();
      if (k.equals(Key.CONFIG.property)) {
        errors.add("'" + k + "' in " + file + " has no effect there: name the file on the command line or in "
            + Key.CONFIG.env);
      } else if (!k.startsWith("honeyhive.") || (k.startsWith("honeyhive.agent.") && !isAgentKey(k))) {
        // only word-like names are echoed: a line holding a pasted API key (digits, '_', '-', long) is not
        String shown = k.startsWith("honeyhive.") || k.matches("[A-Za-z][A-Za-z.]{0,39}")
            ? "'" + k + "'" : "(a name that does not start with honeyhive., not shown)";
        errors.add("unknown setting " + shown + " in " + file
            + ": keys are the system property names, such as honeyhive.project or honeyhive.agent.include");
      } else {
        entries.put(k, loaded.getProperty(key).strip());
      }
    }
    if (!errors.isEmpty()) {
      throw new ConfigurationException(String.join(System.lineSeparator(), errors));
    }
    return entries;
  }

  private static boolean isAgentKey(String k) {
    for (Key key : Key.values()) {
      if (key.property.equals(k)) {
        return true;
      }
    }
    return false;
  }
}
