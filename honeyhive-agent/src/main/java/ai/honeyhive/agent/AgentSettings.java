package ai.honeyhive.agent;

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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Everything the agent is started with: the tracer's configuration (the library's settings) and
 * the agent's own (weaving scope, traced methods, diagnostics).
 *
 * <p>Every setting is read from, in order: a {@code honeyhive.*} system property, the matching
 * {@code HH_*} environment variable, the agent's configuration file, the default. The file is a
 * Java properties file whose keys are the system property names; it is named by the agent
 * argument ({@code -javaagent:honeyhive-agent.jar=/etc/honeyhive.properties}), else by
 * {@code honeyhive.agent.config} / {@code HH_AGENT_CONFIG}.
 */
record AgentSettings(HoneyHiveConfig tracerConfig, WeavingScope scope, List<ConfiguredMethod> methods,
    boolean diagnostics, Optional<Path> configFile) {

  /** The agent's own settings, with the same property-to-variable naming as the library's. */
  enum Key {
    CONFIG("honeyhive.agent.config"),
    INCLUDE("honeyhive.agent.include"),
    EXCLUDE("honeyhive.agent.exclude"),
    TRACE_METHODS("honeyhive.agent.trace.methods"),
    DIAGNOSTICS("honeyhive.agent.diagnostics"),
    STRICT("honeyhive.agent.strict");

    final String property;
    final String env;

    Key(String property) {
      this.property = property;
      this.env = envName(property);
    }
  }

  /** {@code honeyhive.api.key} -> {@code HH_API_KEY}: the library's rule. */
  static String envName(String property) {
    return "HH_" + property.substring("honeyhive.".length()).replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /**
   * Reads and checks every setting. Problems are collected, so one start reports them all.
   *
   * @param agentArgument the {@code -javaagent:...=} argument, or null
   * @param properties the process's system properties (only {@code honeyhive.*} ones are read)
   * @throws ConfigurationException naming each invalid setting, where it came from and what to do
   */
  static AgentSettings load(String agentArgument, Map<String, String> environment, Map<String, String> properties) {
    Sources sources = Sources.load(agentArgument, environment, properties);
    List<String> errors = new ArrayList<>();

    List<ConfiguredMethod> methods = List.of();
    Sourced traced = sources.get(Key.TRACE_METHODS);
    if (traced != null) {
      try {
        methods = ConfiguredMethod.parseList(traced.value(), traced.origin());
      } catch (ConfigurationException e) {
        errors.add(e.getMessage());
      }
    }

    WeavingScope scope = null;
    Sourced include = sources.get(Key.INCLUDE);
    Sourced exclude = sources.get(Key.EXCLUDE);
    try {
      scope = WeavingScope.of(include == null ? null : include.value(), include == null ? null : include.origin(),
          exclude == null ? null : exclude.value(), exclude == null ? null : exclude.origin(), methods);
    } catch (ConfigurationException e) {
      errors.add(e.getMessage());
    }

    boolean diagnostics = false;
    try {
      diagnostics = sources.getBoolean(Key.DIAGNOSTICS, false);
    } catch (ConfigurationException e) {
      errors.add(e.getMessage());
    }
    try {
      sources.getBoolean(Key.STRICT, false);
    } catch (ConfigurationException e) {
      errors.add(e.getMessage());
    }

    HoneyHiveConfig config = null;
    try {
      config = HoneyHiveConfig.builder(environment, sources.libraryProperties()).build();
    } catch (ConfigurationException e) {
      errors.add(e.getMessage() + sources.fileNote());
    }

    if (!errors.isEmpty()) {
      throw new ConfigurationException(String.join(System.lineSeparator(), errors));
    }
    return new AgentSettings(config, scope, methods, diagnostics, Optional.ofNullable(sources.file));
  }

  /**
   * Whether a configuration error stops the JVM. Read from the system property and the
   * environment only, so that it also covers a configuration file that cannot be read; a value
   * that is not a boolean counts as false (and is reported with the other errors).
   */
  static boolean strict(Map<String, String> environment, Map<String, String> properties) {
    String v = properties.get(Key.STRICT.property);
    if (v == null) {
      v = environment.get(Key.STRICT.env);
    }
    return v != null && parseBoolean(v.strip()) == Boolean.TRUE;
  }

  private static Boolean parseBoolean(String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true": case "1": case "yes": case "on":
        return true;
      case "false": case "0": case "no": case "off": case "":
        return false;
      default:
        return null;
    }
  }

  record Sourced(String value, String origin) {}

  /** System properties, then the environment, then the configuration file. */
  private static final class Sources {
    private final Map<String, String> environment;
    private final Map<String, String> properties;
    private final Map<String, String> fileEntries;
    private final Path file;

    private Sources(Map<String, String> environment, Map<String, String> properties,
        Map<String, String> fileEntries, Path file) {
      this.environment = environment;
      this.properties = properties;
      this.fileEntries = fileEntries;
      this.file = file;
    }

    static Sources load(String agentArgument, Map<String, String> environment, Map<String, String> properties) {
      Sources withoutFile = new Sources(environment, properties, Map.of(), null);
      Sourced location = agentArgument != null && !agentArgument.isBlank()
          ? new Sourced(agentArgument.strip(), "the -javaagent argument")
          : withoutFile.get(Key.CONFIG);
      if (location == null || location.value().isEmpty()) {
        return withoutFile;
      }
      Path file;
      try {
        file = Path.of(location.value()).toAbsolutePath().normalize();
      } catch (InvalidPathException e) {
        throw new ConfigurationException("the agent configuration file named by " + location.origin()
            + " is not a valid path: '" + location.value() + "'");
      }
      Properties loaded = new Properties();
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        loaded.load(in);
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigurationException("cannot read the agent configuration file " + file + " (named by "
            + location.origin() + "): " + e);
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
      return new Sources(environment, properties, Map.copyOf(entries), file);
    }

    private static boolean isAgentKey(String k) {
      for (Key key : Key.values()) {
        if (key.property.equals(k)) {
          return true;
        }
      }
      return false;
    }

    Sourced get(Key key) {
      String v = properties.get(key.property);
      if (v != null) {
        return new Sourced(v.strip(), "system property " + key.property);
      }
      v = environment.get(key.env);
      if (v != null) {
        return new Sourced(v.strip(), "environment variable " + key.env);
      }
      v = fileEntries.get(key.property);
      if (v != null) {
        return new Sourced(v, key.property + " in " + file);
      }
      return null;
    }

    boolean getBoolean(Key key, boolean dflt) {
      Sourced s = get(key);
      if (s == null) {
        return dflt;
      }
      Boolean b = parseBoolean(s.value());
      if (b == null) {
        throw new ConfigurationException(s.origin() + " must be true or false, but was '" + s.value() + "'");
      }
      return b;
    }

    /**
     * The library's settings as the system properties {@link HoneyHiveConfig} reads: the real
     * ones, plus the file's where neither a property nor the environment sets them.
     */
    Map<String, String> libraryProperties() {
      Map<String, String> result = new HashMap<>();
      for (Map.Entry<String, String> e : fileEntries.entrySet()) {
        if (!e.getKey().startsWith("honeyhive.agent.") && !environment.containsKey(envName(e.getKey()))) {
          result.put(e.getKey(), e.getValue());
        }
      }
      for (Map.Entry<String, String> e : properties.entrySet()) {
        if (e.getKey().startsWith("honeyhive.")) {
          result.put(e.getKey(), e.getValue());
        }
      }
      return result;
    }

    String fileNote() {
      return file == null ? "" : " (settings from " + file + " are reported as system properties)";
    }
  }
}
