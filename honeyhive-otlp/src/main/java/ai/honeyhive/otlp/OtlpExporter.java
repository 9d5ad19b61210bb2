package ai.honeyhive.otlp;

import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.ExportSettings;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.otlp.internal.OtlpEncoding;
import ai.honeyhive.transport.export.EventExporter;
import ai.honeyhive.transport.export.internal.DeliveryHints;
import ai.honeyhive.transport.http.internal.HttpExporter;
import ai.honeyhive.transport.model.BatchRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Sends sessions as OTLP spans, HTTP with protobuf ({@code POST .../v1/traces},
 * {@code Content-Type: application/x-protobuf}), to HoneyHive's OTLP endpoint or to an
 * OpenTelemetry Collector. Each event becomes one span with the attributes HoneyHive's own SDKs
 * write on their OTLP route; docs/otlp.md has the mapping and when to prefer this route over
 * {@code /events/batch}.
 *
 * <p>It is the {@link HttpExporter} with another body: the same connection pool, per-request
 * deadlines, retries with backoff and {@code Retry-After}, the pause after a rejected key and the
 * exit budget, behind the same batching processor. Give it to the tracer like any exporter:
 *
 * <pre>{@code
 * Tracer tracer = Tracer.builder()
 *     .config(config)
 *     .exporter(OtlpExporter.create(config))                 // HoneyHive's OTLP endpoint
 *     .build();
 * // or to a Collector:
 * OtlpExporter.builder().endpoint(URI.create("http://localhost:4318/v1/traces")).build();
 * }</pre>
 */
public final class OtlpExporter implements EventExporter, DeliveryHints {
  /** Where HoneyHive's SDKs send OTLP, under the API's base URL. */
  public static final String HONEYHIVE_PATH = "/opentelemetry/v1/traces";

  private final HttpExporter http;
  private final URI endpoint;

  private OtlpExporter(HttpExporter http, URI endpoint) {
    this.http = http;
    this.endpoint = endpoint;
  }

  /**
   * The exporter to HoneyHive's OTLP endpoint ({@code apiUrl} + {@value #HONEYHIVE_PATH}) for a
   * configuration's API key, URL, source and export settings.
   *
   * @throws ConfigurationException when the configuration has no API key
   */
  public static OtlpExporter create(HoneyHiveConfig config) {
    String key = config.apiKey().orElseThrow(() -> new ConfigurationException(
        "Sending to HoneyHive's OTLP endpoint needs an API key: set HH_API_KEY, -Dhoneyhive.api.key"
            + " or HoneyHiveConfig.builder().apiKey(...)"));
    String base = config.apiUrl().toString().replaceAll("/+$", "");
    return builder()
        .endpoint(URI.create(base + HONEYHIVE_PATH))
        .apiKey(key)
        .source(config.source())
        .settings(config.export())
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CompletableFuture<Void> export(Collection<BatchRequest> batches) {
    return http.export(batches);
  }

  @Override
  public int maxConcurrentExports() {
    return http.maxConcurrentExports();
  }

  @Override
  public boolean oneBatchPerCall() {
    return http.oneBatchPerCall();
  }

  @Override
  public void finishWithin(Duration budget) {
    http.finishWithin(budget);
  }

  @Override
  public CompletableFuture<Void> flush() {
    return http.flush();
  }

  @Override
  public CompletableFuture<Void> shutdown() {
    return http.shutdown();
  }

  @Override
  public long retryCount() {
    return http.retryCount();
  }

  /** The endpoint; never the key. */
  @Override
  public String toString() {
    return "OtlpExporter[" + endpoint + "]";
  }

  /** Endpoint, key, headers and settings of an {@link OtlpExporter}. */
  public static final class Builder {
    private URI endpoint = URI.create(HoneyHiveConfig.DEFAULT_API_URL.toString().replaceAll("/+$", "") + HONEYHIVE_PATH);
    private String apiKey;
    private String source;
    private String serviceName;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private ExportSettings settings = ExportSettings.defaults();

    private Builder() {}

    /**
     * The whole traces URL, e.g. {@code https://api.honeyhive.ai/opentelemetry/v1/traces} (the
     * default) or a Collector's {@code http://localhost:4318/v1/traces}.
     */
    public Builder endpoint(URI endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      String scheme = endpoint.getScheme();
      if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null
          || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
        throw new ConfigurationException("endpoint must be an http or https URL with a host and no query, but was '"
            + endpoint + "'; use the form https://api.honeyhive.ai" + HONEYHIVE_PATH
            + " or http://localhost:4318/v1/traces");
      }
      this.endpoint = endpoint;
      return this;
    }

    /**
     * The HoneyHive API key, sent as {@code Authorization: Bearer}; required by HoneyHive's
     * endpoint, optional for a Collector that adds the key itself.
     */
    public Builder apiKey(String apiKey) {
      if (apiKey == null || apiKey.isBlank()) {
        throw new ConfigurationException("apiKey must not be blank: pass your HoneyHive API key, or leave it"
            + " unset for a Collector that adds it");
      }
      this.apiKey = apiKey.trim();
      return this;
    }

    /** Sent as the {@code X-Source} header, as HoneyHive's Python SDK does; default none. */
    public Builder source(String source) {
      this.source = source == null || source.isBlank() ? null : source.trim();
      return this;
    }

    /** The resource's {@code service.name}; default the events' project. */
    public Builder serviceName(String serviceName) {
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
    public Builder header(String name, String value) {
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
    public Builder settings(ExportSettings settings) {
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
}
