package ai.honeyhive.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one place settings are read from outside the code: ordered sources (system properties, the
 * {@code HH_*} environment, a configuration file, Spring's {@code Environment}, ...) mapped onto
 * the builders: {@link #configBuilder()} for the {@link HoneyHiveConfig} (where events go, how they
 * are sent) and {@code TracerSettings.builder(sources)} in honeyhive-core for the tracer's own
 * settings. The first source that sets a value wins; a value set on the builder wins over every
 * source. Builders themselves never look at the process: {@code HoneyHiveConfig.builder()} and
 * {@code TracerSettings.builder()} start from the defaults alone.
 *
 * <pre>{@code
 * HoneyHiveConfig config = ConfigSources.system().configBuilder().project("my-app").build();
 * }</pre>
 */
public final class ConfigSources {
  private final List<Source> sources;

  private ConfigSources(List<Source> sources) {
    this.sources = List.copyOf(sources);
  }

  /** The process's {@code honeyhive.*} system properties, then its {@code HH_*} environment variables. */
  public static ConfigSources system() {
    Map<String, String> props = new HashMap<>();
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("honeyhive.")) {
        props.put(name, System.getProperty(name));
      }
    }
    return of(System.getenv(), props);
  }

  /** The given system properties, then the given {@code HH_*} environment: for tests and launchers that carry their own. */
  public static ConfigSources of(Map<String, String> environment, Map<String, String> properties) {
    return new ConfigSources(List.of(
        new Source(Map.copyOf(properties), false, "system property ", ""),
        new Source(Map.copyOf(environment), true, "environment variable ", "")));
  }

  /** No source at all: every setting not set on the builder takes its default. */
  static ConfigSources none() {
    return new ConfigSources(List.of());
  }

  /**
   * These sources, then a configuration file's entries, keyed by the system property names
   * ({@code honeyhive.project=...}); values are reported as coming from that file.
   */
  public ConfigSources thenFile(Map<String, String> entries, Path file) {
    List<Source> all = new ArrayList<>(sources);
    all.add(new Source(Map.copyOf(entries), false, "", " in " + Objects.requireNonNull(file, "file")));
    return new ConfigSources(all);
  }

  /**
   * These sources, then a framework's own lookup by property name (Spring's {@code Environment},
   * which also applies its relaxed binding), whose values are reported as coming from {@code origin}.
   * A lookup that fails reads as not set there: it never stops the other sources.
   */
  public ConfigSources thenLookup(Function<String, String> lookup, String origin) {
    Objects.requireNonNull(lookup, "lookup");
    List<Source> all = new ArrayList<>(sources);
    all.add(new Source(key -> {
      try {
        return lookup.apply(key);
      } catch (RuntimeException e) {
        return null;
      }
    }, false, "", " in " + Objects.requireNonNull(origin, "origin")));
    return new ConfigSources(all);
  }

  /** A {@link HoneyHiveConfig} builder whose unset values come from these sources, then the defaults. */
  public HoneyHiveConfigBuilder configBuilder() {
    return new HoneyHiveConfigBuilder(this);
  }

  /**
   * The value of a {@code honeyhive.*} setting (its system property name) and where it came from,
   * from the first source that sets it: also for settings of other components, such as the agent's.
   */
  public Optional<Sourced> find(String property) {
    for (Source s : sources) {
      String key = s.byVariable ? variableOf(property) : property;
      String v = s.values.apply(key);
      if (v != null) {
        return Optional.of(new Sourced(v.strip(), s.prefix + key + s.suffix));
      }
    }
    return Optional.empty();
  }

  /** {@code honeyhive.api.key} -> {@code HH_API_KEY}: the rule for every setting's environment variable. */
  public static String variableOf(String property) {
    if (!property.startsWith("honeyhive.")) {
      throw new IllegalArgumentException("not a honeyhive.* setting: " + property);
    }
    return "HH_" + property.substring("honeyhive.".length()).replace('.', '_').toUpperCase(Locale.ROOT);
  }

  private record Source(Function<String, String> values, boolean byVariable, String prefix, String suffix) {
    Source(Map<String, String> values, boolean byVariable, String prefix, String suffix) {
      this((Function<String, String>) values::get, byVariable, prefix, suffix);
    }
  }

  /** A setting's value and where it came from, for error messages. */
  public record Sourced(String value, String origin) {
    @Override
    public String toString() {
      return origin;
    }
  }
}
