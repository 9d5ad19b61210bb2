package ai.honeyhive.config;

import ai.honeyhive.config.ExportSettings.BatchForm;
import ai.honeyhive.config.ExportSettings.Key;
import ai.honeyhive.config.internal.Setting;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Collects explicit values of {@link ExportSettings}; each setter checks its range and says what is
 * allowed. Values left unset take their defaults, or inside a {@link HoneyHiveConfigBuilder} made by
 * {@link ConfigSources#configBuilder()}, the sources' values first.
 */
public final class ExportSettingsBuilder {
  private final EnumMap<Key, Long> explicit = new EnumMap<>(Key.class);
  private BatchForm batchForm;

  ExportSettingsBuilder() {}

  ExportSettingsBuilder(Map<Key, Long> values, BatchForm batchForm) {
    explicit.putAll(values);
    this.batchForm = batchForm;
  }

  public ExportSettingsBuilder queueCapacity(int events) {
    return set(Key.QUEUE_CAPACITY, events);
  }

  public ExportSettingsBuilder queueMaxBytes(long bytes) {
    return set(Key.QUEUE_MAX_BYTES, bytes);
  }

  public ExportSettingsBuilder batchForm(BatchForm form) {
    this.batchForm = Objects.requireNonNull(form, "batchForm");
    return this;
  }

  public ExportSettingsBuilder authRetryDelay(Duration delay) {
    return set(Key.AUTH_RETRY_DELAY, delay);
  }

  public ExportSettingsBuilder maxBatchEvents(int events) {
    return set(Key.BATCH_MAX_EVENTS, events);
  }

  public ExportSettingsBuilder maxBatchBytes(long bytes) {
    return set(Key.BATCH_MAX_BYTES, bytes);
  }

  public ExportSettingsBuilder scheduleDelay(Duration delay) {
    return set(Key.BATCH_DELAY, delay);
  }

  public ExportSettingsBuilder connectTimeout(Duration timeout) {
    return set(Key.CONNECT_TIMEOUT, timeout);
  }

  public ExportSettingsBuilder connectionRequestTimeout(Duration timeout) {
    return set(Key.CONNECTION_REQUEST_TIMEOUT, timeout);
  }

  public ExportSettingsBuilder responseTimeout(Duration timeout) {
    return set(Key.RESPONSE_TIMEOUT, timeout);
  }

  public ExportSettingsBuilder requestTimeout(Duration timeout) {
    return set(Key.REQUEST_TIMEOUT, timeout);
  }

  public ExportSettingsBuilder maxConcurrentRequests(int requests) {
    return set(Key.MAX_CONCURRENT_REQUESTS, requests);
  }

  public ExportSettingsBuilder maxAttempts(int attempts) {
    return set(Key.MAX_ATTEMPTS, attempts);
  }

  public ExportSettingsBuilder initialBackoff(Duration backoff) {
    return set(Key.INITIAL_BACKOFF, backoff);
  }

  public ExportSettingsBuilder maxBackoff(Duration backoff) {
    return set(Key.MAX_BACKOFF, backoff);
  }

  public ExportSettingsBuilder maxRetryElapsed(Duration elapsed) {
    return set(Key.MAX_RETRY_ELAPSED, elapsed);
  }

  public ExportSettingsBuilder shutdownTimeout(Duration timeout) {
    return set(Key.SHUTDOWN_TIMEOUT, timeout);
  }

  /**
   * Resolves the unset values to their defaults.
   *
   * @throws ConfigurationException when the values contradict each other
   */
  public ExportSettings build() {
    return resolve(ConfigSources.none());
  }

  /** Unset values from the sources, then the defaults; then the cross-checks. */
  ExportSettings resolve(ConfigSources env) {
    EnumMap<Key, Long> values = new EnumMap<>(Key.class);
    EnumMap<Key, String> origins = new EnumMap<>(Key.class);
    for (Key k : Key.values()) {
      Long v = explicit.get(k);
      if (v != null) {
        values.put(k, v);
        origins.put(k, k.method);
        continue;
      }
      Long sourced = k.setting.whole(env);
      if (sourced != null) {
        values.put(k, sourced);
        origins.put(k, k.setting.read(env).origin());
      } else {
        values.put(k, k.dflt);
      }
    }
    // a default never contradicts an explicit value: it gives way instead
    reconcile(values, origins, Key.BATCH_MAX_EVENTS, Key.QUEUE_CAPACITY);
    reconcile(values, origins, Key.INITIAL_BACKOFF, Key.MAX_BACKOFF);
    BatchForm form = batchForm;
    if (form == null) {
      ConfigSources.Sourced s = Setting.BATCH_FORM.read(env);
      form = s != null && !s.value().isBlank() ? BatchForm.parse(s.value(), s.origin()) : BatchForm.MULTI_SESSION;
    }
    return new ExportSettings(Collections.unmodifiableMap(values), form);
  }

  /** Ensures {@code low <= high}, lowering or raising whichever of the two is a default. */
  private static void reconcile(Map<Key, Long> values, Map<Key, String> origins, Key low, Key high) {
    if (values.get(low) <= values.get(high)) {
      return;
    }
    if (!origins.containsKey(low)) {
      values.put(low, values.get(high));
    } else if (!origins.containsKey(high)) {
      values.put(high, values.get(low));
    } else {
      throw new ConfigurationException(origins.get(low) + " (" + values.get(low) + low.unit()
          + ") must not exceed " + origins.get(high) + " (" + values.get(high) + high.unit() + ")");
    }
  }

  private ExportSettingsBuilder set(Key k, long value) {
    explicit.put(k, k.check(value, k.method));
    return this;
  }

  private ExportSettingsBuilder set(Key k, Duration d) {
    Objects.requireNonNull(d, k.method);
    long ms;
    try {
      ms = d.toMillis();
    } catch (ArithmeticException e) {
      ms = Long.MAX_VALUE;
    }
    if (d.isNegative()) {
      ms = -1;
    } else if (ms == 0 && !d.isZero()) {
      ms = 1; // round a sub-millisecond duration up rather than to "no wait at all"
    }
    return set(k, ms);
  }
}
