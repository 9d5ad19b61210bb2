package ai.honeyhive.otlp;

import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.transport.export.EventExporter;
import ai.honeyhive.transport.export.internal.DeliveryHints;
import ai.honeyhive.transport.http.internal.HttpExporter;
import ai.honeyhive.transport.model.BatchRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
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

  OtlpExporter(HttpExporter http, URI endpoint) {
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

  public static OtlpExporterBuilder builder() {
    return new OtlpExporterBuilder();
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
}
