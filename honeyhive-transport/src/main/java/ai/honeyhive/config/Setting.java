package ai.honeyhive.config;

import java.util.Locale;

/**
 * Every setting that can come from the environment, with its system property and environment
 * variable. The variable is the property upper-cased with dots as underscores and {@code HH_} for
 * {@code honeyhive.}, so the two never disagree. Not public API.
 */
enum Setting {
  API_KEY("honeyhive.api.key", true),
  PROJECT("honeyhive.project", false),
  SOURCE("honeyhive.source", false),
  API_URL("honeyhive.api.url", false),
  SESSION_NAME("honeyhive.session.name", false),
  VERBOSE("honeyhive.verbose", false),
  DISABLE_TRACING("honeyhive.disable.tracing", false),
  EXPORT_FILE("honeyhive.export.file", false),
  JSONL_MAX_BYTES("honeyhive.jsonl.max.bytes", false),
  EXPORT_CONSOLE("honeyhive.export.console", false),
  SAMPLE_RATE("honeyhive.sample.rate", false),
  SAMPLE_KEEP_ERRORS("honeyhive.sample.keep.errors", false),
  // session limits: see SessionTree
  MAX_SESSION_EVENTS("honeyhive.max.session.events", false),
  MAX_SESSION_AGE_MS("honeyhive.max.session.age.ms", false),
  // batching, HTTP and retries: see ExportSettings
  QUEUE_CAPACITY("honeyhive.queue.capacity", false),
  QUEUE_MAX_BYTES("honeyhive.queue.max.bytes", false),
  BATCH_FORM("honeyhive.batch.form", false),
  BATCH_MAX_EVENTS("honeyhive.batch.max.events", false),
  BATCH_MAX_BYTES("honeyhive.batch.max.bytes", false),
  BATCH_DELAY_MS("honeyhive.batch.delay.ms", false),
  HTTP_CONNECT_TIMEOUT_MS("honeyhive.http.connect.timeout.ms", false),
  HTTP_CONNECTION_REQUEST_TIMEOUT_MS("honeyhive.http.connection.request.timeout.ms", false),
  HTTP_RESPONSE_TIMEOUT_MS("honeyhive.http.response.timeout.ms", false),
  HTTP_REQUEST_TIMEOUT_MS("honeyhive.http.request.timeout.ms", false),
  HTTP_MAX_CONCURRENT_REQUESTS("honeyhive.http.max.concurrent.requests", false),
  RETRY_MAX_ATTEMPTS("honeyhive.retry.max.attempts", false),
  RETRY_INITIAL_BACKOFF_MS("honeyhive.retry.initial.backoff.ms", false),
  RETRY_MAX_BACKOFF_MS("honeyhive.retry.max.backoff.ms", false),
  RETRY_MAX_ELAPSED_MS("honeyhive.retry.max.elapsed.ms", false),
  SHUTDOWN_TIMEOUT_MS("honeyhive.shutdown.timeout.ms", false),
  AUTH_RETRY_DELAY_MS("honeyhive.auth.retry.delay.ms", false),
  // capture limits and redaction: see SafeValueCapture
  MAX_STRING_LENGTH("honeyhive.max.string.length", false),
  MAX_COLLECTION_SIZE("honeyhive.max.collection.size", false),
  MAX_DEPTH("honeyhive.max.depth", false),
  MAX_EVENT_BYTES("honeyhive.max.event.bytes", false),
  REDACT_KEYS("honeyhive.redact.keys", false),
  SCAN_SECRET_VALUES("honeyhive.scan.secret.values", false);

  final String property;
  final String env;
  final boolean secret;

  Setting(String property, boolean secret) {
    this.property = property;
    this.env = "HH_" + property.substring("honeyhive.".length()).replace('.', '_').toUpperCase(Locale.ROOT);
    this.secret = secret;
  }
}
