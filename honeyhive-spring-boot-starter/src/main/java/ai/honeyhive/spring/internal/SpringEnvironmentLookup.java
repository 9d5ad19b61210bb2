package ai.honeyhive.spring.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Spring's environment as a source of the configuration adapter, with Spring's relaxed names: a
 * setting {@code honeyhive.api.key} is found as written, as {@code HONEYHIVE_API_KEY} (Spring maps
 * environment variables itself), and as any name that differs from it only in separators and case
 * ({@code honeyhive.api-key}, {@code honeyhive.apiKey}, {@code honeyhive.sample.keep-errors}). The
 * first property source that has one wins, as in Spring. Not public API.
 */
final class SpringEnvironmentLookup implements Function<String, String> {
  private static final String PREFIX = "honeyhive";
  private final Environment environment;
  /** Uniform name -> a name the application used, built on the first setting not found as written. */
  private Map<String, ConfigurationPropertyName> relaxed;

  SpringEnvironmentLookup(Environment environment) {
    this.environment = environment;
  }

  @Override
  public String apply(String property) {
    String exact = environment.getProperty(property);
    if (exact != null) {
      return exact;
    }
    ConfigurationPropertyName name = relaxedNames().get(uniform(property));
    return name == null ? null : valueOf(name);
  }

  private String valueOf(ConfigurationPropertyName name) {
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      ConfigurationProperty p = source.getConfigurationProperty(name);
      if (p != null && p.getValue() != null) {
        return environment.resolvePlaceholders(String.valueOf(p.getValue()));
      }
    }
    return null;
  }

  private Map<String, ConfigurationPropertyName> relaxedNames() {
    if (relaxed == null) {
      Map<String, ConfigurationPropertyName> names = new HashMap<>();
      for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
        if (source instanceof IterableConfigurationPropertySource iterable) {
          iterable.stream()
              .filter(n -> !n.isEmpty() && n.getElement(0, ConfigurationPropertyName.Form.UNIFORM).equals(PREFIX))
              .forEach(n -> names.putIfAbsent(uniform(n.toString()), n));   // earlier sources win
        }
      }
      relaxed = names;
    }
    return relaxed;
  }

  /** {@code honeyhive.sample.keep-errors}, {@code honeyhive.sampleKeepErrors} -> {@code honeyhivesamplekeeperrors}. */
  static String uniform(String name) {
    StringBuilder b = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        b.append(c);
      }
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }
}
