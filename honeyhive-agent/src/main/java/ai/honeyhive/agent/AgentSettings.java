package ai.honeyhive.agent;

import ai.honeyhive.Tracer;
import ai.honeyhive.TracerSettings;
import ai.honeyhive.config.ConfigSources;
import ai.honeyhive.config.ConfigSources.Sourced;
import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.config.internal.Setting;
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
 * Everything the agent is started with: the library's settings (the {@link HoneyHiveConfig} and
 * the {@link TracerSettings}) and the agent's own (weaving scope, traced methods, diagnostics),
 * declared with every other setting in {@link Setting}.
 *
 * <p>Every setting is read through {@link ConfigSources}, in order: a {@code honeyhive.*} system
 * property, the matching {@code HH_*} environment variable, the agent's configuration file, the default. The file is a
 * Java properties file whose keys are the system property names; it is named by the agent
 * argument ({@code -javaagent:honeyhive-agent.jar=/etc/honeyhive.properties}), else by
 * {@code honeyhive.agent.config} / {@code HH_AGENT_CONFIG}.
 */
record AgentSettings(HoneyHiveConfig config, TracerSettings tracerSettings, WeavingScope scope,
    List<ConfiguredMethod> methods, boolean diagnostics, boolean instrumentOpenAi, Optional<Path> configFile) {

  /** The process-wide tracer these settings describe. */
  Tracer tracer() {
    return Tracer.builder().config(config).settings(tracerSettings).build();
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
        : Setting.AGENT_CONFIG.read(withoutFile);
    Optional<Path> file = configFile(location);
    ConfigSources sources = file.isEmpty()
        ? withoutFile
        : withoutFile.thenFile(readFile(file.get(), location.origin()), file.get());
    List<String> errors = new ArrayList<>();

    List<ConfiguredMethod> methods = List.of();
    Sourced traced = Setting.AGENT_TRACE_METHODS.read(sources);
    if (traced != null) {
      try {
        methods = ConfiguredMethod.parseList(traced.value(), traced.origin());
      } catch (ConfigurationException e) {
        errors.add(e.getMessage());
      }
    }

    boolean instrumentOpenAi = false;
    try {
      instrumentOpenAi = Boolean.TRUE.equals(Setting.AGENT_INSTRUMENT_OPENAI.bool(sources));
    } catch (ConfigurationException e) {
      errors.add(e.getMessage());
    }

    WeavingScope scope = null;
    Sourced include = Setting.AGENT_INCLUDE.read(sources);
    Sourced exclude = Setting.AGENT_EXCLUDE.read(sources);
    try {
      scope = WeavingScope.of(include == null ? null : include.value(), include == null ? null : include.origin(),
          exclude == null ? null : exclude.value(), exclude == null ? null : exclude.origin(), methods,
          instrumentOpenAi ? List.of(AopXml.OPENAI_BUILDERS) : List.of());
    } catch (ConfigurationException e) {
      errors.add(e.getMessage());
    }

    boolean diagnostics = false;
    try {
      diagnostics = Boolean.TRUE.equals(Setting.AGENT_DIAGNOSTICS.bool(sources));
    } catch (ConfigurationException e) {
      errors.add(e.getMessage());
    }
    try {
      Setting.AGENT_STRICT.bool(sources);
    } catch (ConfigurationException e) {
      errors.add(e.getMessage());
    }

    // the library's settings, through the same adapter as HoneyHive.tracer()
    HoneyHiveConfig config = null;
    try {
      config = sources.configBuilder().build();
    } catch (ConfigurationException e) {
      errors.add(e.getMessage());
    }
    TracerSettings tracerSettings = null;
    try {
      tracerSettings = TracerSettings.builder(sources).build();
    } catch (ConfigurationException e) {
      errors.add(e.getMessage());
    }

    if (!errors.isEmpty()) {
      throw new ConfigurationException(String.join(System.lineSeparator(), errors));
    }
    return new AgentSettings(config, tracerSettings, scope, methods, diagnostics, instrumentOpenAi, file);
  }

  /**
   * Whether a configuration error stops the JVM. Read from the system property and the
   * environment only, so that it also covers a configuration file that cannot be read; a value
   * that is not a boolean counts as false (and is reported with the other errors).
   */
  static boolean strict(Map<String, String> environment, Map<String, String> properties) {
    try {
      return Boolean.TRUE.equals(Setting.AGENT_STRICT.bool(ConfigSources.of(environment, properties)));
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
      if (k.equals(Setting.AGENT_CONFIG.property())) {
        errors.add("'" + k + "' in " + file + " has no effect there: name the file on the command line or in "
            + Setting.AGENT_CONFIG.variable());
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
    for (Setting s : Setting.values()) {
      if (s.group() == Setting.Group.AGENT && s.property().equals(k)) {
        return true;
      }
    }
    return false;
  }
}
