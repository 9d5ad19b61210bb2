package ai.honeyhive.config;

import ai.honeyhive.config.internal.Setting;
import java.net.URI;
import java.util.Objects;

/**
 * Collects explicit settings of a {@link HoneyHiveConfig}; {@link #build()} fills the rest from its
 * sources (none for {@link HoneyHiveConfig#builder()}, those of {@link ConfigSources#configBuilder()})
 * and then the defaults.
 */
public final class HoneyHiveConfigBuilder {
  private final ConfigSources sources;
  private String apiKey;
  private String project;
  private String source;
  private URI apiUrl;
  private ExportSettingsBuilder export = ExportSettings.builder();

  HoneyHiveConfigBuilder(ConfigSources sources) {
    this.sources = sources;
  }

  /** The HoneyHive API key; with one, sessions are sent to the API. */
  public HoneyHiveConfigBuilder apiKey(String apiKey) {
    this.apiKey = apiKey;
    return this;
  }

  /** The HoneyHive project; required when an API key is configured. */
  public HoneyHiveConfigBuilder project(String project) {
    this.project = project;
    return this;
  }

  /** The source recorded on every event and session, e.g. {@code production}; default {@code dev}. */
  public HoneyHiveConfigBuilder source(String source) {
    this.source = source;
    return this;
  }

  /** The API's base URL; default {@code https://api.honeyhive.ai}. */
  public HoneyHiveConfigBuilder apiUrl(String apiUrl) {
    this.apiUrl = checkUrl(Objects.requireNonNull(apiUrl, "apiUrl"), "apiUrl");
    return this;
  }

  /** Queue, batch, HTTP and retry settings; those the builder leaves unset come from this builder's sources. */
  public HoneyHiveConfigBuilder export(ExportSettingsBuilder settings) {
    this.export = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /**
   * Resolves every setting.
   *
   * @throws ConfigurationException when a setting is malformed or a required one is missing
   */
  public HoneyHiveConfig build() {
    String key = blankToNull(apiKey != null ? apiKey : Setting.API_KEY.text(sources));
    String p = blankToNull(project != null ? project : Setting.PROJECT.text(sources));
    if (p == null && key != null) {
      throw new ConfigurationException("An API key is configured but no project: set "
          + Setting.PROJECT.variable() + " or -D" + Setting.PROJECT.property()
          + " or HoneyHiveConfig.builder().project(...) to the HoneyHive project to send to");
    }
    String s = blankToNull(source != null ? source : Setting.SOURCE.text(sources));
    URI url = apiUrl;
    if (url == null) {
      ConfigSources.Sourced v = Setting.API_URL.read(sources);
      url = v == null || v.value().isEmpty() ? HoneyHiveConfig.DEFAULT_API_URL : checkUrl(v.value(), v.origin());
    }
    return new HoneyHiveConfig(key, p == null ? HoneyHiveConfig.DEFAULT_LOCAL_PROJECT : p,
        s == null ? HoneyHiveConfig.DEFAULT_SOURCE : s, url, export.resolve(sources));
  }

  static URI checkUrl(String value, String origin) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(origin + " is not a valid URL: '" + value
          + "'; use the form https://api.honeyhive.ai");
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new ConfigurationException(origin + " must be an http or https URL with a host, but was '"
          + value + "'; use the form https://api.honeyhive.ai");
    }
    // request paths are appended to the URL: a query or fragment would end up before them
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ConfigurationException(origin + " must not have a query (?...) or fragment (#...), but was '"
          + value + "': paths such as /events/batch are appended to it; use the base URL alone,"
          + " e.g. https://api.honeyhive.ai");
    }
    return uri;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
