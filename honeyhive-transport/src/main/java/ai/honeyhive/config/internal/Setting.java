package ai.honeyhive.config.internal;

import ai.honeyhive.config.ConfigSources;
import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.ExportSettings;
import java.util.Locale;

/**
 * Every setting, declared once: its builder method, system property, environment variable, type,
 * range, default and meaning. {@link ConfigSources} reads them by these names and these types
 * ({@link #text}, {@link #bool}, {@link #whole}); the builders of honeyhive-transport
 * ({@code HoneyHiveConfig}, {@code ExportSettings}) and of honeyhive-core ({@code TracerSettings})
 * check them against these ranges; docs/configuration.md is generated from this table. The
 * variable is the property upper-cased with dots as underscores and {@code HH_} for
 * {@code honeyhive.}, so the two never disagree. Not public API.
 */
public enum Setting {
  API_KEY("honeyhive.api.key", "apiKey", Type.SECRET, "none",
      "HoneyHive API key; with one, sessions are sent to the API"),
  PROJECT("honeyhive.project", "project", Type.TEXT, "`default` (required with an API key)", "HoneyHive project"),
  SOURCE("honeyhive.source", "source", Type.TEXT, "`dev`",
      "source recorded on events and sessions (`production`, `staging`, ...)"),
  API_URL("honeyhive.api.url", "apiUrl", Type.URL, "`https://api.honeyhive.ai`",
      "API base URL, without query or fragment; plain `http` to a host other than this machine is warned about once"),
  // the tracer's own, in honeyhive-core: see TracerSettings
  SESSION_NAME("honeyhive.session.name", "sessionName", Type.TEXT, "the outermost call's name",
      "name of sessions not named explicitly"),
  VERBOSE("honeyhive.verbose", "verbose", Type.BOOLEAN, "`false`", "console tree also shows inputs and outputs"),
  DISABLE_TRACING("honeyhive.disable.tracing", "tracingEnabled", Type.BOOLEAN, "tracing on",
      "`true` switches tracing off"),
  EXPORT_FILE("honeyhive.export.file", "exportFile", Type.FILE,
      "`honeyhive-traces.jsonl` without API key, none with one", "JSONL file; `off` for none"),
  JSONL_MAX_BYTES("honeyhive.jsonl.max.bytes", "jsonlMaxBytes", Type.WHOLE_NUMBER, 4_096, Long.MAX_VALUE,
      "`67108864` (64 MiB)", "size at which the JSONL file is renamed to `<name>.1` and started afresh"),
  EXPORT_CONSOLE("honeyhive.export.console", "exportConsole", Type.BOOLEAN, "`true` without API key, `false` with one",
      "print session trees on standard output"),
  SAMPLE_RATE("honeyhive.sample.rate", "sampleRate", Type.DECIMAL, "`1.0`",
      "share of sessions kept, `0.0`–`1.0`; each session is kept or dropped whole"),
  SAMPLE_KEEP_ERRORS("honeyhive.sample.keep.errors", "sampleKeepErrors", Type.BOOLEAN, "`false`",
      "keep every session in which anything failed, whatever the sample rate"),
  // session limits: see SessionTree
  MAX_SESSION_EVENTS("honeyhive.max.session.events", "maxSessionEvents", Type.WHOLE_NUMBER, 100, 100_000_000, "`10000`",
      "events one session may hold not yet sent; past it the session is sent as it stands"),
  MAX_SESSION_AGE_MS("honeyhive.max.session.age.ms", "maxSessionAge", Type.MILLISECONDS, 1_000, Integer.MAX_VALUE,
      "`1800000` (30 min)", "how long a session may stay open; past it the session is sent as it stands"),
  // capture limits and redaction: see SafeValueCapture
  MAX_STRING_LENGTH("honeyhive.max.string.length", "maxStringLength", Type.WHOLE_NUMBER, 16, 100_000_000, "`32768`",
      "characters kept of each captured string"),
  MAX_COLLECTION_SIZE("honeyhive.max.collection.size", "maxCollectionSize", Type.WHOLE_NUMBER, 1, 10_000_000, "`1000`",
      "elements kept of each collection, array or map, and properties of each object"),
  MAX_DEPTH("honeyhive.max.depth", "maxDepth", Type.WHOLE_NUMBER, 1, 500, "`32`",
      "nesting levels kept of each captured value"),
  MAX_EVENT_BYTES("honeyhive.max.event.bytes", "maxEventBytes", Type.WHOLE_NUMBER, 4_096, 1_000_000_000,
      "`262144` (256 KiB)", "the most one event may take as JSON (UTF-8 bytes); never exceeded"),
  REDACT_KEYS("honeyhive.redact.keys", "redactKeys", Type.LIST, "none",
      "comma-separated extra names to mask, e.g. `ssn,card_number,iban`"),
  SCAN_SECRET_VALUES("honeyhive.scan.secret.values", "scanSecretValues", Type.BOOLEAN, "`true`",
      "mask secrets of known shapes inside captured strings"),
  // batching, HTTP and retries: see ExportSettings
  QUEUE_CAPACITY("honeyhive.queue.capacity", "queueCapacity", Type.WHOLE_NUMBER,
      1, 10_000_000, "`20000`", "events held waiting to be sent; a full queue drops new sessions, counted"),
  QUEUE_MAX_BYTES("honeyhive.queue.max.bytes", "queueMaxBytes", Type.WHOLE_NUMBER, 1024, 1L << 40,
      "`67108864` (64 MiB)",
      "estimated JSON bytes held waiting to be sent; a session that does not fit is dropped whole, counted"),
  BATCH_FORM("honeyhive.batch.form", "batchForm", Type.CHOICE, "`multi`",
      "`multi`: many sessions per request, each announced by a `session` event; `single`: one session per request"
          + " with `session_properties`"),
  BATCH_MAX_EVENTS("honeyhive.batch.max.events", "maxBatchEvents", Type.WHOLE_NUMBER, 1, 10_000_000, "`1000`",
      "events per request; a full request is sent at once"),
  BATCH_MAX_BYTES("honeyhive.batch.max.bytes", "maxBatchBytes", Type.WHOLE_NUMBER, 1024,
      ExportSettings.API_MAX_REQUEST_BYTES, "`4000000`",
      "JSON bytes per request; larger sessions are split"),
  BATCH_DELAY_MS("honeyhive.batch.delay.ms", "scheduleDelay", Type.MILLISECONDS, 1, 3_600_000, "`1000`",
      "longest a session waits for its batch to fill"),
  HTTP_CONNECT_TIMEOUT_MS("honeyhive.http.connect.timeout.ms", "connectTimeout", Type.MILLISECONDS, 1, 3_600_000,
      "`10000`", "opening a connection"),
  HTTP_CONNECTION_REQUEST_TIMEOUT_MS("honeyhive.http.connection.request.timeout.ms", "connectionRequestTimeout",
      Type.MILLISECONDS, 1, 3_600_000, "`10000`", "waiting for a pooled connection"),
  HTTP_RESPONSE_TIMEOUT_MS("honeyhive.http.response.timeout.ms", "responseTimeout", Type.MILLISECONDS, 1, 3_600_000,
      "`30000`", "silence while waiting for the response"),
  HTTP_REQUEST_TIMEOUT_MS("honeyhive.http.request.timeout.ms", "requestTimeout", Type.MILLISECONDS, 1, 3_600_000,
      "`30000`", "deadline for one whole attempt"),
  HTTP_MAX_CONCURRENT_REQUESTS("honeyhive.http.max.concurrent.requests", "maxConcurrentRequests",
      Type.WHOLE_NUMBER, 1, 64, "`8`", "requests in flight at once, each independent"),
  RETRY_MAX_ATTEMPTS("honeyhive.retry.max.attempts", "maxAttempts", Type.WHOLE_NUMBER, 1, 100, "`5`",
      "attempts per request, the first included"),
  RETRY_INITIAL_BACKOFF_MS("honeyhive.retry.initial.backoff.ms", "initialBackoff", Type.MILLISECONDS, 1, 3_600_000,
      "`1000`", "first backoff; doubles per retry, with jitter"),
  RETRY_MAX_BACKOFF_MS("honeyhive.retry.max.backoff.ms", "maxBackoff", Type.MILLISECONDS, 1, 3_600_000, "`30000`",
      "longest backoff (`Retry-After` may ask for more)"),
  RETRY_MAX_ELAPSED_MS("honeyhive.retry.max.elapsed.ms", "maxRetryElapsed", Type.MILLISECONDS, 1, 86_400_000,
      "`60000`", "total time for one batch, retries and waits included"),
  SHUTDOWN_TIMEOUT_MS("honeyhive.shutdown.timeout.ms", "shutdownTimeout", Type.MILLISECONDS, 0, 3_600_000,
      "`10000`", "how long shutdown and the JVM shutdown hook wait for queued sessions"),
  AUTH_RETRY_DELAY_MS("honeyhive.auth.retry.delay.ms", "authRetryDelay", Type.MILLISECONDS, 1, 86_400_000,
      "`60000`", "after a 401/403, the pause before one request tries the key again (sessions meanwhile dropped,"
          + " counted as rejected)"),
  // the agent's own (honeyhive-agent reads them through ConfigSources as well)
  AGENT_CONFIG("honeyhive.agent.config", null, Type.FILE, "none (the `-javaagent:...=<file>` argument wins)",
      "the agent's properties file"),
  AGENT_INCLUDE("honeyhive.agent.include", null, Type.LIST, "everything not excluded",
      "packages, classes or type patterns to weave"),
  AGENT_EXCLUDE("honeyhive.agent.exclude", null, Type.LIST, "none (the built-in exclusions always apply)",
      "packages, classes or type patterns never to weave"),
  AGENT_TRACE_METHODS("honeyhive.agent.trace.methods", null, Type.LIST, "none",
      "unannotated methods to trace: `<class>#<method>=<type>[:<name>]`, `;`-separated"),
  AGENT_DIAGNOSTICS("honeyhive.agent.diagnostics", null, Type.BOOLEAN, "`false`",
      "print the configuration and the weaver's work on standard error"),
  AGENT_STRICT("honeyhive.agent.strict", null, Type.BOOLEAN, "`false`",
      "on a configuration error, stop the JVM (exit 1) instead of running untraced"),
  AGENT_INSTRUMENT_OPENAI("honeyhive.agent.instrument.openai", null, Type.BOOLEAN, "`false`",
      "record every OpenAI Java SDK client built by `OpenAIOkHttpClient(Async).builder()`/`fromEnv()` as if"
          + " wrapped by `HoneyHiveOpenAI.wrap` (see docs/integrations.md)");

  /** Which builder sets it, and so which section of docs/configuration.md lists it. */
  public enum Group {
    /** Where events go: {@code HoneyHiveConfig.builder()}, honeyhive-transport. */
    CONNECTION,
    /** What the tracer records and where else it writes: {@code TracerSettings.builder()}, honeyhive-core. */
    TRACER,
    /** Queue, batches, HTTP and retries: {@code ExportSettings.builder()}, inside the {@code HoneyHiveConfig}. */
    EXPORT,
    /** The agent's own: no builder, read by honeyhive-agent through {@link ConfigSources}. */
    AGENT
  }

  /** What a setting's value is read as. */
  public enum Type { TEXT, SECRET, BOOLEAN, WHOLE_NUMBER, MILLISECONDS, DECIMAL, URL, FILE, LIST, CHOICE }

  private final String property;
  private final String env;
  private final boolean secret;
  private final String builder;
  private final Type type;
  private final long min;
  private final long max;
  private final String defaultValue;
  private final String meaning;

  Setting(String property, String builder, Type type, String defaultValue, String meaning) {
    this(property, builder, type, Long.MIN_VALUE, Long.MAX_VALUE, defaultValue, meaning);
  }

  Setting(String property, String builder, Type type, long min, long max, String defaultValue, String meaning) {
    this.property = property;
    this.env = ConfigSources.variableOf(property);
    this.secret = type == Type.SECRET;
    this.builder = builder;
    this.type = type;
    this.min = min;
    this.max = max;
    this.defaultValue = defaultValue;
    this.meaning = meaning;
  }

  /** The system property, e.g. {@code honeyhive.sample.rate}; also the key in the agent's file. */
  public String property() {
    return property;
  }

  /** The environment variable, e.g. {@code HH_SAMPLE_RATE}. */
  public String variable() {
    return env;
  }

  /** The builder method that sets it, or null for the agent's own settings. */
  public String builder() {
    return builder;
  }

  public Type type() {
    return type;
  }

  /** The smallest value accepted, for numbers. */
  public long min() {
    return min;
  }

  /** The largest value accepted, for numbers. */
  public long max() {
    return max;
  }

  public boolean hasRange() {
    return type == Type.WHOLE_NUMBER || type == Type.MILLISECONDS;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String meaning() {
    return meaning;
  }

  public boolean isAgent() {
    return builder == null;
  }

  public Group group() {
    switch (this) {
      case API_KEY: case PROJECT: case SOURCE: case API_URL:
        return Group.CONNECTION;
      case QUEUE_CAPACITY: case QUEUE_MAX_BYTES: case BATCH_FORM: case BATCH_MAX_EVENTS: case BATCH_MAX_BYTES:
      case BATCH_DELAY_MS: case HTTP_CONNECT_TIMEOUT_MS: case HTTP_CONNECTION_REQUEST_TIMEOUT_MS:
      case HTTP_RESPONSE_TIMEOUT_MS: case HTTP_REQUEST_TIMEOUT_MS: case HTTP_MAX_CONCURRENT_REQUESTS:
      case RETRY_MAX_ATTEMPTS: case RETRY_INITIAL_BACKOFF_MS: case RETRY_MAX_BACKOFF_MS: case RETRY_MAX_ELAPSED_MS:
      case SHUTDOWN_TIMEOUT_MS: case AUTH_RETRY_DELAY_MS:
        return Group.EXPORT;
      default:
        return isAgent() ? Group.AGENT : Group.TRACER;
    }
  }

  /** Whether its value is never shown, not even in an error message. */
  public boolean secret() {
    return secret;
  }

  /** Its value and origin from the first of {@code sources} that sets it, or null. */
  public ConfigSources.Sourced read(ConfigSources sources) {
    return sources.find(property).orElse(null);
  }

  /** Its value trimmed, or null when no source sets it or it is blank. */
  public String text(ConfigSources sources) {
    ConfigSources.Sourced v = read(sources);
    return v == null || v.value().isBlank() ? null : v.value().strip();
  }

  /**
   * Its value as a boolean ({@code true/1/yes/on} or {@code false/0/no/off/empty}), or null when no
   * source sets it.
   *
   * @throws ConfigurationException naming where the value came from, when it is neither
   */
  public Boolean bool(ConfigSources sources) {
    ConfigSources.Sourced v = read(sources);
    if (v == null) {
      return null;
    }
    switch (v.value().toLowerCase(Locale.ROOT)) {
      case "true": case "1": case "yes": case "on":
        return true;
      case "false": case "0": case "no": case "off": case "":
        return false;
      default:
        throw new ConfigurationException(v.origin() + " must be true or false"
            + (secret ? "" : ", but was '" + v.value() + "'"));
    }
  }

  /**
   * Its value as a whole number ({@code _} allowed as a separator) within its range, or null when
   * no source sets it or it is empty.
   *
   * @throws ConfigurationException naming where the value came from, when it is not a number or out of range
   */
  public Long whole(ConfigSources sources) {
    ConfigSources.Sourced v = read(sources);
    if (v == null || v.value().isEmpty()) {
      return null;
    }
    long n;
    try {
      n = Long.parseLong(v.value().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new ConfigurationException(v.origin() + " must be a whole number, but was '" + v.value() + "'");
    }
    return check(n, v.origin());
  }

  /**
   * {@code n} if it is within the declared range, which keeps every limit meaningful (markers fit,
   * Jackson's nesting limit is never hit, no batch exceeds what the API accepts).
   *
   * @param origin the builder method or where the value was read, for the message
   * @throws ConfigurationException saying the range, when it is outside
   */
  public long check(long n, String origin) {
    if (!hasRange()) {
      throw new IllegalStateException(name() + " has no range");
    }
    if (n < min || n > max) {
      String unit = type == Type.MILLISECONDS ? " milliseconds" : "";
      throw new ConfigurationException(origin + (max == Long.MAX_VALUE
          ? " must be at least " + min + unit : " must be between " + min + " and " + max + unit) + ", but was " + n);
    }
    return n;
  }
}
