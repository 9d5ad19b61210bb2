package ai.honeyhive.config;

import ai.honeyhive.config.internal.Setting;
import java.time.Duration;
import java.util.Map;

/**
 * How completed sessions are queued, batched and sent to the API: queue and batch sizes, the
 * batching delay, HTTP timeouts, retries and the shutdown deadline. Part of
 * {@link HoneyHiveConfig} ({@link HoneyHiveConfig#export()}); every value can also come from a
 * {@code honeyhive.*} system property or an {@code HH_*} environment variable (durations in whole
 * milliseconds), and docs/configuration.md lists them all with their defaults.
 */
public final class ExportSettings {
  /** The API rejects request bodies over 5 MB; no batch may be configured larger. */
  public static final long API_MAX_REQUEST_BYTES = 5_000_000;

  /** One numeric setting: its source and default, with durations in milliseconds; its range is the {@link Setting}'s. */
  enum Key {
    QUEUE_CAPACITY(Setting.QUEUE_CAPACITY, "queueCapacity", 20_000),
    QUEUE_MAX_BYTES(Setting.QUEUE_MAX_BYTES, "queueMaxBytes", 64L << 20),
    BATCH_MAX_EVENTS(Setting.BATCH_MAX_EVENTS, "maxBatchEvents", 1000),
    BATCH_MAX_BYTES(Setting.BATCH_MAX_BYTES, "maxBatchBytes", 4_000_000),
    BATCH_DELAY(Setting.BATCH_DELAY_MS, "scheduleDelay", 1000),
    CONNECT_TIMEOUT(Setting.HTTP_CONNECT_TIMEOUT_MS, "connectTimeout", 10_000),
    CONNECTION_REQUEST_TIMEOUT(Setting.HTTP_CONNECTION_REQUEST_TIMEOUT_MS, "connectionRequestTimeout", 10_000),
    RESPONSE_TIMEOUT(Setting.HTTP_RESPONSE_TIMEOUT_MS, "responseTimeout", 30_000),
    REQUEST_TIMEOUT(Setting.HTTP_REQUEST_TIMEOUT_MS, "requestTimeout", 30_000),
    MAX_CONCURRENT_REQUESTS(Setting.HTTP_MAX_CONCURRENT_REQUESTS, "maxConcurrentRequests", 8),
    MAX_ATTEMPTS(Setting.RETRY_MAX_ATTEMPTS, "maxAttempts", 5),
    INITIAL_BACKOFF(Setting.RETRY_INITIAL_BACKOFF_MS, "initialBackoff", 1000),
    MAX_BACKOFF(Setting.RETRY_MAX_BACKOFF_MS, "maxBackoff", 30_000),
    MAX_RETRY_ELAPSED(Setting.RETRY_MAX_ELAPSED_MS, "maxRetryElapsed", 60_000),
    SHUTDOWN_TIMEOUT(Setting.SHUTDOWN_TIMEOUT_MS, "shutdownTimeout", 10_000),
    AUTH_RETRY_DELAY(Setting.AUTH_RETRY_DELAY_MS, "authRetryDelay", 60_000);

    final Setting setting;
    final String method;
    final long dflt;
    final long min;
    final long max;

    Key(Setting setting, String method, long dflt) {
      this.setting = setting;
      this.method = method;
      this.dflt = dflt;
      this.min = setting.min();
      this.max = setting.max();
    }

    long check(long value, String origin) {
      return setting.check(value, origin);
    }

    String unit() {
      return setting.type() == Setting.Type.MILLISECONDS ? " milliseconds" : "";
    }
  }

  /**
   * How sessions are laid out in a {@code POST /events/batch} body.
   */
  public enum BatchForm {
    /**
     * {@code is_single_session: false}: one request carries events of many sessions, each session
     * announced by an event of type {@code session} whose {@code event_id} is the session id. The
     * default: a few requests carry thousands of sessions, which is what keeps up with production
     * traffic to a distant API.
     */
    MULTI_SESSION("multi"),
    /**
     * {@code is_single_session: true} with {@code session_properties}: one request per session
     * (or per piece of a large session), the form documented in the API's batch example.
     */
    SINGLE_SESSION("single");

    private final String text;

    BatchForm(String text) {
      this.text = text;
    }

    /** How the form is written in {@code HH_BATCH_FORM}: {@code multi} or {@code single}. */
    public String text() {
      return text;
    }

    static BatchForm parse(String value, String origin) {
      String v = value.trim().toLowerCase(java.util.Locale.ROOT);
      for (BatchForm f : values()) {
        if (f.text.equals(v) || f.name().toLowerCase(java.util.Locale.ROOT).equals(v)) {
          return f;
        }
      }
      throw new ConfigurationException(origin + " must be 'multi' (many sessions per request, the default)"
          + " or 'single' (one session per request), but was '" + value + "'");
    }
  }

  private final Map<Key, Long> values;
  private final BatchForm batchForm;

  ExportSettings(Map<Key, Long> values, BatchForm batchForm) {
    this.values = values;
    this.batchForm = batchForm;
  }

  /** The defaults, ignoring the environment. */
  public static ExportSettings defaults() {
    return builder().build();
  }

  /** Explicit values; those left unset take their defaults (or, inside a sourced HoneyHiveConfig builder, the sources' values). */
  public static ExportSettingsBuilder builder() {
    return new ExportSettingsBuilder();
  }

  /** Most events held in memory waiting to be sent; a session arriving at a full queue is dropped and counted. Default 20,000. */
  public int queueCapacity() {
    return (int) get(Key.QUEUE_CAPACITY);
  }

  /**
   * Most bytes (estimated JSON size) held in memory waiting to be sent; a session that would pass
   * it is dropped whole and counted. Default 64 MiB.
   */
  public long queueMaxBytes() {
    return get(Key.QUEUE_MAX_BYTES);
  }

  /** Whether a request carries many sessions (the default) or one; see {@link BatchForm}. */
  public BatchForm batchForm() {
    return batchForm;
  }

  /**
   * After the API rejects the key (401/403), how long the exporter waits before one request tries
   * again; sessions completed meanwhile are dropped and counted as rejected. Default 60 s.
   */
  public Duration authRetryDelay() {
    return millis(Key.AUTH_RETRY_DELAY);
  }

  /** Most events in one export batch (one request); a batch this full is sent at once. Default 1000 (at most the queue capacity). */
  public int maxBatchEvents() {
    return (int) get(Key.BATCH_MAX_EVENTS);
  }

  /** Most bytes of JSON in one export batch and so in one request; default 4,000,000, under the API's 5 MB limit. */
  public long maxBatchBytes() {
    return get(Key.BATCH_MAX_BYTES);
  }

  /** Longest a completed session waits in the queue for its batch to fill; default 1 s. */
  public Duration scheduleDelay() {
    return millis(Key.BATCH_DELAY);
  }

  /** Longest wait to open a TCP/TLS connection; default 10 s. */
  public Duration connectTimeout() {
    return millis(Key.CONNECT_TIMEOUT);
  }

  /** Longest wait for a free pooled connection; default 10 s. */
  public Duration connectionRequestTimeout() {
    return millis(Key.CONNECTION_REQUEST_TIMEOUT);
  }

  /** Longest silence while waiting for the server's response; default 30 s. */
  public Duration responseTimeout() {
    return millis(Key.RESPONSE_TIMEOUT);
  }

  /** Deadline for one whole request attempt, from sending to the last byte of the response; default 30 s. */
  public Duration requestTimeout() {
    return millis(Key.REQUEST_TIMEOUT);
  }

  /** Most requests in flight at once (and pooled connections), each on its own; default 8. */
  public int maxConcurrentRequests() {
    return (int) get(Key.MAX_CONCURRENT_REQUESTS);
  }

  /** Most attempts per request, the first included; default 5. */
  public int maxAttempts() {
    return (int) get(Key.MAX_ATTEMPTS);
  }

  /** Backoff before the first retry; it doubles per attempt, with jitter. Default 1 s. */
  public Duration initialBackoff() {
    return millis(Key.INITIAL_BACKOFF);
  }

  /** Cap on one backoff (a server's Retry-After may ask for longer); default 30 s. */
  public Duration maxBackoff() {
    return millis(Key.MAX_BACKOFF);
  }

  /** Cap on the total time spent sending one batch, retries and waits included; default 60 s. */
  public Duration maxRetryElapsed() {
    return millis(Key.MAX_RETRY_ELAPSED);
  }

  /** How long shutdown, and the JVM shutdown hook, wait for queued sessions to be delivered; default 10 s. */
  public Duration shutdownTimeout() {
    return millis(Key.SHUTDOWN_TIMEOUT);
  }

  /** A builder holding every value of these settings, for changing some of them. */
  public ExportSettingsBuilder toBuilder() {
    return new ExportSettingsBuilder(values, batchForm);
  }

  private long get(Key k) {
    return values.get(k);
  }

  private Duration millis(Key k) {
    return Duration.ofMillis(values.get(k));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExportSettings other && values.equals(other.values) && batchForm == other.batchForm;
  }

  @Override
  public int hashCode() {
    return values.hashCode() * 31 + batchForm.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ExportSettings{");
    values.forEach((k, v) -> sb.append(k.method).append('=').append(v).append(k.unit().isEmpty() ? "" : "ms").append(", "));
    sb.append("batchForm=").append(batchForm.text());
    return sb.append('}').toString();
  }
}
