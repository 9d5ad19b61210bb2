package ai.honeyhive.config;

import java.net.URI;
import java.util.Optional;

/**
 * Where events go and how they are sent: the API key, project, source, API URL and the
 * {@link ExportSettings} (queue, batches, HTTP, retries). The exporters and the read client use
 * it; what the tracer records (sampling, limits, redaction, session name, console and file output)
 * is set apart, on {@code TracerSettings} in honeyhive-core.
 *
 * <p>{@link #builder()} starts from the defaults and never reads the process's environment or
 * system properties. {@link ConfigSources} maps them (and other sources, such as the agent's file)
 * onto a builder: {@link #fromEnvironment()} is {@code ConfigSources.system().configBuilder().build()}.
 * A value set on the builder wins over every source. docs/configuration.md lists every setting.
 * {@link #toString()} never shows the API key.
 */
public final class HoneyHiveConfig {
  /** The HoneyHive API, used when no URL is configured. */
  public static final URI DEFAULT_API_URL = URI.create("https://api.honeyhive.ai");
  /** The project events go to when none is configured and nothing is sent to the API. */
  public static final String DEFAULT_LOCAL_PROJECT = "default";
  /** The source recorded when none is configured. */
  public static final String DEFAULT_SOURCE = "dev";

  private final String apiKey;
  private final String project;
  private final String source;
  private final URI apiUrl;
  private final ExportSettings export;

  HoneyHiveConfig(String apiKey, String project, String source, URI apiUrl, ExportSettings export) {
    this.apiKey = apiKey;
    this.project = project;
    this.source = source;
    this.apiUrl = apiUrl;
    this.export = export;
  }

  /** A builder whose unset values take their defaults: it reads neither system properties nor the environment. */
  public static HoneyHiveConfigBuilder builder() {
    return new HoneyHiveConfigBuilder(ConfigSources.none());
  }

  /** The configuration from {@code honeyhive.*} system properties and {@code HH_*} environment variables alone. */
  public static HoneyHiveConfig fromEnvironment() {
    return ConfigSources.system().configBuilder().build();
  }

  /** The API key, if one is configured. */
  public Optional<String> apiKey() {
    return Optional.ofNullable(apiKey);
  }

  public boolean hasApiKey() {
    return apiKey != null;
  }

  public String project() {
    return project;
  }

  public String source() {
    return source;
  }

  public URI apiUrl() {
    return apiUrl;
  }

  /** Queue, batch, HTTP, retry and shutdown settings for sending sessions. */
  public ExportSettings export() {
    return export;
  }

  /** A builder holding every value of this configuration, for changing some of them. */
  public HoneyHiveConfigBuilder toBuilder() {
    HoneyHiveConfigBuilder b = builder();
    if (apiKey != null) {
      b.apiKey(apiKey);
    }
    if (apiKey != null || !project.equals(DEFAULT_LOCAL_PROJECT)) {
      b.project(project);
    }
    return b.source(source).apiUrl(apiUrl.toString()).export(export.toBuilder());
  }

  @Override
  public String toString() {
    return "HoneyHiveConfig{apiKey=" + (apiKey == null ? "<none>" : "<redacted>")
        + ", project=" + project + ", source=" + source + ", apiUrl=" + apiUrl + ", export=" + export + "}";
  }
}
