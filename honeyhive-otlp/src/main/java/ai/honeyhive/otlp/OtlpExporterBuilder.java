package ai.honeyhive.otlp;

import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.ExportSettings;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.otlp.internal.OtlpEncoding;
import ai.honeyhive.transport.http.internal.HttpExporter;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Endpoint, key, headers and settings of an {@link OtlpExporter}. */
public final class OtlpExporterBuilder {
  private URI endpoint = URI.create(HoneyHiveConfig.DEFAULT_API_URL.toString().replaceAll("/+$", "") + OtlpExporter.HONEYHIVE_PATH);
  private String apiKey;
  private String source;
  private String serviceName;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private ExportSettings settings = ExportSettings.defaults();

  OtlpExporterBuilder() {}

  /**
   * The whole traces URL, e.g. {@code https://api.honeyhive.ai/opentelemetry/v1/traces} (the
   * default) or a Collector's {@code http://localhost:4318/v1/traces}.
   */
  public OtlpExporterBuilder endpoint(URI endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    String scheme = endpoint.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null
        || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
      throw new ConfigurationException("endpoint must be an http or https URL with a host and no query, but was '"
          + endpoint + "'; use the form https://api.honeyhive.ai" + OtlpExporter.HONEYHIVE_PATH
          + " or http://localhost:4318/v1/traces");
    }
    this.endpoint = endpoint;
    return this;
  }

  /**
   * The HoneyHive API key, sent as {@code Authorization: Bearer}; required by HoneyHive's
   * endpoint, optional for a Collector that adds the key itself.
   */
  public OtlpExporterBuilder apiKey(String apiKey) {
    if (apiKey == null || apiKey.isBlank()) {
      throw new ConfigurationException("apiKey must not be blank: pass your HoneyHive API key, or leave it"
          + " unset for a Collector that adds it");
    }
    this.apiKey = apiKey.trim();
    return this;
  }

  /** Sent as the {@code X-Source} header, as HoneyHive's Python SDK does; default none. */
  public OtlpExporterBuilder source(String source) {
    this.source = source == null || source.isBlank() ? null : source.trim();
    return this;
  }

  /** The resource's {@code service.name}; default the events' project. */
  public OtlpExporterBuilder serviceName(String serviceName) {
    if (serviceName == null || serviceName.isBlank()) {
      throw new ConfigurationException("serviceName must not be blank");
    }
    this.serviceName = serviceName.trim();
    return this;
  }

  /**
   * A header sent with every request, e.g. a Collector's own authentication. Not for the API
   * key (use {@link #apiKey}), whose header is kept out of logs.
   */
  public OtlpExporterBuilder header(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
      throw new ConfigurationException("header name '" + name + "' is not a valid HTTP header name");
    }
    if (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Content-Type")) {
      throw new ConfigurationException("header " + name + " is set by the exporter: use apiKey(...) for the key");
    }
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new ConfigurationException("header " + name + " has a line break in its value");
    }
    headers.put(name, value);
    return this;
  }

  /**
   * Timeouts, concurrency, retries and batching, as for the HTTP exporter; default
   * {@link ExportSettings#defaults()}. The batch form is always many sessions per request:
   * one OTLP request carries many traces.
   */
  public OtlpExporterBuilder settings(ExportSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  public OtlpExporter build() {
    String version = OtlpExporter.class.getPackage().getImplementationVersion();
    Map<String, String> sent = new LinkedHashMap<>();
    if (source != null) {
      sent.put("X-Source", source);
    }
    sent.put("hh-client-language", "java");
    sent.put("hh-client-package", "honeyhive-java");
    if (version != null) {
      sent.put("hh-client-version", version);
    }
    sent.putAll(headers);
    HttpExporter.Builder b = HttpExporter.builder()
        .apiUrl(endpoint)
        .settings(settings.toBuilder().batchForm(ExportSettings.BatchForm.MULTI_SESSION).build())
        .wireFormat(new OtlpEncoding("", sent, serviceName, version));
    if (apiKey != null) {
      b.apiKey(apiKey);
    }
    return new OtlpExporter(b.build(), endpoint);
  }
}
