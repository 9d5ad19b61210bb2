package ai.honeyhive.config;

import java.util.Locale;
import java.util.Map;

/**
 * Reads settings from system properties, then the environment (properties win). The only place
 * in the library that looks at either. Not public API.
 */
final class ConfigSources {
  private final Map<String, String> environment;
  private final Map<String, String> properties;

  ConfigSources(Map<String, String> environment, Map<String, String> properties) {
    this.environment = Map.copyOf(environment);
    this.properties = Map.copyOf(properties);
  }

  static ConfigSources system() {
    Map<String, String> props = new java.util.HashMap<>();
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("honeyhive.")) {
        props.put(name, System.getProperty(name));
      }
    }
    return new ConfigSources(System.getenv(), props);
  }

  /** The value and where it came from, or null when neither source sets it. */
  Sourced get(Setting s) {
    String v = properties.get(s.property);
    if (v != null) {
      return new Sourced(v.trim(), "system property " + s.property);
    }
    v = environment.get(s.env);
    if (v != null) {
      return new Sourced(v.trim(), "environment variable " + s.env);
    }
    return null;
  }

  record Sourced(String value, String origin) {
    boolean asBoolean(Setting s) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "true": case "1": case "yes": case "on":
          return true;
        case "false": case "0": case "no": case "off": case "":
          return false;
        default:
          throw new ConfigurationException(origin + " must be true or false, but was '"
              + (s.secret ? "<redacted>" : value) + "'");
      }
    }
  }
}
