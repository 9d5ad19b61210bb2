package ai.honeyhive;

import ai.honeyhive.config.ConfigSources;
import ai.honeyhive.config.HoneyHiveConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the tracer records and where else it writes it: whether tracing is on, sampling, the
 * session name, the session and capture limits, redaction, and the console tree and JSONL file.
 * Where events are sent (API key, project, URL, batching) is the {@link HoneyHiveConfig}'s.
 *
 * <p>{@link #builder()} starts from the defaults and never reads the process's environment or
 * system properties; {@link #builder(ConfigSources)} fills unset values from the given sources
 * (what {@link HoneyHive#tracer()} does with {@link ConfigSources#system()}). docs/configuration.md
 * lists every setting.
 */
public final class TracerSettings {
  /** The JSONL file written, relative to the working directory, when no API key is configured. */
  public static final Path DEFAULT_EXPORT_FILE = Path.of("honeyhive-traces.jsonl");
  /** The size at which the JSONL file is renamed to {@code <name>.1} and started afresh: 64 MiB. */
  public static final long DEFAULT_JSONL_MAX_BYTES = 64L * 1024 * 1024;
  /** Characters kept of a captured string; the rest is cut and marked. */
  public static final int DEFAULT_MAX_STRING_LENGTH = 32_768;
  /** Elements kept of a captured collection, array or map, or properties of an object. */
  public static final int DEFAULT_MAX_COLLECTION_SIZE = 1_000;
  /** Nesting levels kept of a captured value; deeper objects are replaced by a marker. */
  public static final int DEFAULT_MAX_DEPTH = 32;
  /** The most an event may take as JSON (UTF-8 bytes); larger inputs and outputs are cut. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 262_144;
  /** Events one session may hold in memory, not yet exported; past it the session is exported as it stands. */
  public static final int DEFAULT_MAX_SESSION_EVENTS = 10_000;
  /** How long a session may stay open, in milliseconds (30 min); past it the session is exported as it stands. */
  public static final int DEFAULT_MAX_SESSION_AGE_MS = 1_800_000;

  private final boolean tracingEnabled;
  private final String sessionName;
  private final double sampleRate;
  private final boolean sampleKeepErrors;
  private final int maxSessionEvents;
  private final int maxSessionAgeMillis;
  private final int maxStringLength;
  private final int maxCollectionSize;
  private final int maxDepth;
  private final int maxEventBytes;
  private final List<String> redactKeys;
  private final boolean scanSecretValues;
  private final boolean verbose;
  /** Null: printed exactly when no API key is configured. */
  private final Boolean exportConsole;
  /** Whether {@link #exportFile} was chosen (null then means none) rather than left to the default. */
  private final boolean exportFileSet;
  private final Path exportFile;
  private final long jsonlMaxBytes;

  TracerSettings(TracerSettingsBuilder.Values v) {
    this.tracingEnabled = v.tracingEnabled;
    this.sessionName = v.sessionName;
    this.sampleRate = v.sampleRate;
    this.sampleKeepErrors = v.sampleKeepErrors;
    this.maxSessionEvents = v.maxSessionEvents;
    this.maxSessionAgeMillis = v.maxSessionAgeMillis;
    this.maxStringLength = v.maxStringLength;
    this.maxCollectionSize = v.maxCollectionSize;
    this.maxDepth = v.maxDepth;
    this.maxEventBytes = v.maxEventBytes;
    this.redactKeys = v.redactKeys;
    this.scanSecretValues = v.scanSecretValues;
    this.verbose = v.verbose;
    this.exportConsole = v.exportConsole;
    this.exportFileSet = v.exportFileSet;
    this.exportFile = v.exportFile;
    this.jsonlMaxBytes = v.jsonlMaxBytes;
  }

  /** A builder whose unset values take their defaults: it reads neither system properties nor the environment. */
  public static TracerSettingsBuilder builder() {
    return new TracerSettingsBuilder(null);
  }

  /**
   * A builder whose unset values come from {@code sources}, then the defaults, e.g.
   * {@code TracerSettings.builder(ConfigSources.system())}; a value set on it wins over every source.
   */
  public static TracerSettingsBuilder builder(ConfigSources sources) {
    return new TracerSettingsBuilder(java.util.Objects.requireNonNull(sources, "sources"));
  }

  /**
   * The tracer settings from {@code honeyhive.*} system properties and {@code HH_*} environment
   * variables alone: {@code builder(ConfigSources.system()).build()}, what {@link HoneyHive#tracer()}
   * uses. Pair it with {@code HoneyHiveConfig.fromEnvironment()} when building a tracer of your own
   * that should honour the process's settings ({@code HH_DISABLE_TRACING}, {@code HH_REDACT_KEYS}, ...).
   */
  public static TracerSettings fromEnvironment() {
    return builder(ConfigSources.system()).build();
  }

  public boolean tracingEnabled() {
    return tracingEnabled;
  }

  /** The name given to sessions that are not named explicitly; empty means the outermost call's name. */
  public Optional<String> sessionName() {
    return Optional.ofNullable(sessionName);
  }

  /** The share of sessions kept, from 0.0 (none) to 1.0 (all, the default); a session is kept or dropped whole. */
  public double sampleRate() {
    return sampleRate;
  }

  /** Whether a session that recorded an error anywhere is kept even when sampling dropped it. */
  public boolean sampleKeepErrors() {
    return sampleKeepErrors;
  }

  /** Events one session may hold in memory, not yet exported, before it is exported as it stands and closed. */
  public int maxSessionEvents() {
    return maxSessionEvents;
  }

  /** How long a session may stay open before it is exported as it stands and closed. */
  public Duration maxSessionAge() {
    return Duration.ofMillis(maxSessionAgeMillis);
  }

  /** Characters kept of each captured string. */
  public int maxStringLength() {
    return maxStringLength;
  }

  /** Elements kept of each captured collection, array or map, and properties of each object. */
  public int maxCollectionSize() {
    return maxCollectionSize;
  }

  /** Nesting levels kept of each captured value. */
  public int maxDepth() {
    return maxDepth;
  }

  /** The most one event may take as JSON, in UTF-8 bytes. */
  public int maxEventBytes() {
    return maxEventBytes;
  }

  /** Names masked in captured values in addition to the built-in secret-looking ones. */
  public List<String> redactKeys() {
    return redactKeys;
  }

  /** Whether captured strings are scanned for secrets of known shapes (keys, tokens, passwords), which are masked. */
  public boolean scanSecretValues() {
    return scanSecretValues;
  }

  /** Whether the console tree also shows inputs and outputs. */
  public boolean verbose() {
    return verbose;
  }

  /**
   * Whether sessions are printed as trees on standard output when sending with {@code config}: as
   * chosen, else exactly when it has no API key.
   */
  public boolean exportConsole(HoneyHiveConfig config) {
    return exportConsole != null ? exportConsole : !config.hasApiKey();
  }

  /**
   * The JSONL file sessions are appended to when sending with {@code config}, if any: as chosen,
   * else {@link #DEFAULT_EXPORT_FILE} exactly when it has no API key.
   */
  public Optional<Path> exportFile(HoneyHiveConfig config) {
    if (exportFileSet) {
      return Optional.ofNullable(exportFile);
    }
    return config.hasApiKey() ? Optional.empty() : Optional.of(DEFAULT_EXPORT_FILE);
  }

  /** The size at which the JSONL file is renamed to {@code <name>.1} and started afresh. */
  public long jsonlMaxBytes() {
    return jsonlMaxBytes;
  }

  /** A builder holding every value of these settings, for changing some of them. */
  public TracerSettingsBuilder toBuilder() {
    TracerSettingsBuilder b = builder().tracingEnabled(tracingEnabled).sessionName(sessionName)
        .sampleRate(sampleRate).sampleKeepErrors(sampleKeepErrors).maxSessionEvents(maxSessionEvents)
        .maxSessionAge(Duration.ofMillis(maxSessionAgeMillis)).maxStringLength(maxStringLength)
        .maxCollectionSize(maxCollectionSize).maxDepth(maxDepth).maxEventBytes(maxEventBytes)
        .redactKeys(redactKeys.toArray(String[]::new)).scanSecretValues(scanSecretValues).verbose(verbose)
        .jsonlMaxBytes(jsonlMaxBytes);
    if (exportConsole != null) {
      b.exportConsole(exportConsole);
    }
    if (exportFileSet) {
      b.exportFile(exportFile);
    }
    return b;
  }

  @Override
  public String toString() {
    return "TracerSettings{tracingEnabled=" + tracingEnabled + ", sessionName=" + sessionName
        + ", sampleRate=" + sampleRate + ", sampleKeepErrors=" + sampleKeepErrors
        + ", maxSessionEvents=" + maxSessionEvents + ", maxSessionAge=" + maxSessionAgeMillis + "ms"
        + ", maxStringLength=" + maxStringLength + ", maxCollectionSize=" + maxCollectionSize
        + ", maxDepth=" + maxDepth + ", maxEventBytes=" + maxEventBytes
        + ", redactKeys=" + redactKeys + ", scanSecretValues=" + scanSecretValues + ", verbose=" + verbose
        + ", exportConsole=" + (exportConsole == null ? "without API key" : exportConsole)
        + ", exportFile=" + (exportFileSet ? exportFile : "without API key: " + DEFAULT_EXPORT_FILE)
        + ", jsonlMaxBytes=" + jsonlMaxBytes + "}";
  }
}
