package ai.honeyhive;

import ai.honeyhive.config.ConfigSources;
import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.internal.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects explicit {@link TracerSettings}; {@link #build()} fills the rest from its sources (none
 * for {@link TracerSettings#builder()}) and then the defaults. Each setter checks its value and says
 * what is allowed.
 */
public final class TracerSettingsBuilder {
  /** Null for a builder over no sources: the defaults alone. */
  private final ConfigSources sources;
  private Boolean tracingEnabled;
  private String sessionName;
  private Double sampleRate;
  private Boolean sampleKeepErrors;
  private Integer maxSessionEvents;
  private Integer maxSessionAgeMillis;
  private Integer maxStringLength;
  private Integer maxCollectionSize;
  private Integer maxDepth;
  private Integer maxEventBytes;
  private List<String> redactKeys;
  private Boolean scanSecretValues;
  private Boolean verbose;
  private Boolean exportConsole;
  private boolean exportFileSet;
  private Path exportFile;
  private Long jsonlMaxBytes;

  TracerSettingsBuilder(ConfigSources sources) {
    this.sources = sources;
  }

  /** Whether tracing is on; default on ({@code HH_DISABLE_TRACING=true} switches it off). */
  public TracerSettingsBuilder tracingEnabled(boolean enabled) {
    this.tracingEnabled = enabled;
    return this;
  }

  /** The name of sessions not named explicitly; default: the outermost traced call's name. */
  public TracerSettingsBuilder sessionName(String sessionName) {
    this.sessionName = sessionName;
    return this;
  }

  /**
   * The share of sessions kept, from 0.0 to 1.0; default 1.0 (all). Each session is kept or
   * dropped whole when it starts, so no tree is ever exported in part.
   *
   * @throws ConfigurationException when the rate is not within 0.0 to 1.0
   */
  public TracerSettingsBuilder sampleRate(double rate) {
    this.sampleRate = checkRate(rate, "sampleRate (" + rate + ")");
    return this;
  }

  /** Keep every session in which an event or the session recorded an error, whatever the sample rate; default off. */
  public TracerSettingsBuilder sampleKeepErrors(boolean keep) {
    this.sampleKeepErrors = keep;
    return this;
  }

  /**
   * Events one session may hold in memory, not yet exported (100 to 100,000,000); default 10,000.
   * Past it the session is exported as it stands (open events marked incomplete) and closed.
   */
  public TracerSettingsBuilder maxSessionEvents(int events) {
    this.maxSessionEvents = (int) Setting.MAX_SESSION_EVENTS.check(events, "maxSessionEvents");
    return this;
  }

  /**
   * How long a session may stay open (1 s to about 24 days); default 30 minutes. Past it the
   * session is exported as it stands (open events marked incomplete) and closed.
   */
  public TracerSettingsBuilder maxSessionAge(Duration age) {
    long ms;
    try {
      ms = Objects.requireNonNull(age, "age").toMillis();
    } catch (ArithmeticException e) {
      ms = Long.MAX_VALUE;
    }
    this.maxSessionAgeMillis = (int) Setting.MAX_SESSION_AGE_MS.check(ms, "maxSessionAge");
    return this;
  }

  /** Characters kept of each captured string (16 to 100,000,000); default 32,768. */
  public TracerSettingsBuilder maxStringLength(int chars) {
    this.maxStringLength = (int) Setting.MAX_STRING_LENGTH.check(chars, "maxStringLength");
    return this;
  }

  /** Elements kept of each captured collection, array, map or object (1 to 10,000,000); default 1,000. */
  public TracerSettingsBuilder maxCollectionSize(int elements) {
    this.maxCollectionSize = (int) Setting.MAX_COLLECTION_SIZE.check(elements, "maxCollectionSize");
    return this;
  }

  /** Nesting levels kept of each captured value (1 to 500); default 32. */
  public TracerSettingsBuilder maxDepth(int levels) {
    this.maxDepth = (int) Setting.MAX_DEPTH.check(levels, "maxDepth");
    return this;
  }

  /** The most one event may take as JSON, in bytes (4,096 to 1,000,000,000); default 262,144. */
  public TracerSettingsBuilder maxEventBytes(int bytes) {
    this.maxEventBytes = (int) Setting.MAX_EVENT_BYTES.check(bytes, "maxEventBytes");
    return this;
  }

  /**
   * Names to mask in captured values, matched like the built-in secret-looking names
   * ({@code password}, {@code token}, ...), which stay masked too.
   */
  public TracerSettingsBuilder redactKeys(String... names) {
    List<String> list = new ArrayList<>();
    for (String n : Objects.requireNonNull(names, "names")) {
      if (n == null || n.isBlank()) {
        throw new ConfigurationException("redactKeys: names must not be null or blank");
      }
      list.add(n.trim());
    }
    this.redactKeys = List.copyOf(list);
    return this;
  }

  /**
   * Whether captured strings are scanned for secrets of known shapes (API keys, tokens, private
   * keys, passwords in URLs and connection strings), each masked where it stands; default on.
   */
  public TracerSettingsBuilder scanSecretValues(boolean scan) {
    this.scanSecretValues = scan;
    return this;
  }

  /** Print inputs and outputs in the console tree. */
  public TracerSettingsBuilder verbose(boolean verbose) {
    this.verbose = verbose;
    return this;
  }

  /** Print sessions as trees on standard output; default: exactly when no API key is configured. */
  public TracerSettingsBuilder exportConsole(boolean console) {
    this.exportConsole = console;
    return this;
  }

  /**
   * Append sessions as JSON lines to this file; {@code null} for none. Default:
   * {@code honeyhive-traces.jsonl} exactly when no API key is configured.
   */
  public TracerSettingsBuilder exportFile(Path file) {
    this.exportFile = file;
    this.exportFileSet = true;
    return this;
  }

  /**
   * The size (at least 4,096 bytes) at which the JSONL file is renamed to {@code <name>.1},
   * replacing the previous one, and started afresh; default 64 MiB.
   */
  public TracerSettingsBuilder jsonlMaxBytes(long bytes) {
    this.jsonlMaxBytes = Setting.JSONL_MAX_BYTES.check(bytes, "jsonlMaxBytes");
    return this;
  }

  /**
   * Resolves every setting.
   *
   * @throws ConfigurationException when a value read from the sources is malformed
   */
  public TracerSettings build() {
    Values v = new Values();
    v.tracingEnabled = tracingEnabled != null ? tracingEnabled : !bool(Setting.DISABLE_TRACING, false);
    v.sessionName = blankToNull(sessionName != null ? sessionName : text(Setting.SESSION_NAME));
    v.sampleRate = sampleRate != null ? sampleRate : sourcedRate();
    v.sampleKeepErrors = sampleKeepErrors != null ? sampleKeepErrors : bool(Setting.SAMPLE_KEEP_ERRORS, false);
    v.maxSessionEvents = limit(maxSessionEvents, Setting.MAX_SESSION_EVENTS, TracerSettings.DEFAULT_MAX_SESSION_EVENTS);
    v.maxSessionAgeMillis = limit(maxSessionAgeMillis, Setting.MAX_SESSION_AGE_MS, TracerSettings.DEFAULT_MAX_SESSION_AGE_MS);
    v.maxStringLength = limit(maxStringLength, Setting.MAX_STRING_LENGTH, TracerSettings.DEFAULT_MAX_STRING_LENGTH);
    v.maxCollectionSize = limit(maxCollectionSize, Setting.MAX_COLLECTION_SIZE, TracerSettings.DEFAULT_MAX_COLLECTION_SIZE);
    v.maxDepth = limit(maxDepth, Setting.MAX_DEPTH, TracerSettings.DEFAULT_MAX_DEPTH);
    v.maxEventBytes = limit(maxEventBytes, Setting.MAX_EVENT_BYTES, TracerSettings.DEFAULT_MAX_EVENT_BYTES);
    v.redactKeys = redactKeys != null ? redactKeys : splitList(text(Setting.REDACT_KEYS));
    v.scanSecretValues = scanSecretValues != null ? scanSecretValues : bool(Setting.SCAN_SECRET_VALUES, true);
    v.verbose = verbose != null ? verbose : bool(Setting.VERBOSE, false);
    v.exportConsole = exportConsole != null ? exportConsole : sources == null ? null : Setting.EXPORT_CONSOLE.bool(sources);
    if (exportFileSet) {
      v.exportFileSet = true;
      v.exportFile = exportFile;
    } else {
      ConfigSources.Sourced f = sources == null ? null : Setting.EXPORT_FILE.read(sources);
      v.exportFileSet = f != null;
      v.exportFile = f == null ? null : parseFile(f);
    }
    if (jsonlMaxBytes != null) {
      v.jsonlMaxBytes = jsonlMaxBytes;
    } else {
      Long n = sources == null ? null : Setting.JSONL_MAX_BYTES.whole(sources);
      v.jsonlMaxBytes = n != null ? n : TracerSettings.DEFAULT_JSONL_MAX_BYTES;
    }
    return new TracerSettings(v);
  }

  /** The resolved values, handed to the {@link TracerSettings} constructor. */
  static final class Values {
    boolean tracingEnabled;
    String sessionName;
    double sampleRate;
    boolean sampleKeepErrors;
    int maxSessionEvents;
    int maxSessionAgeMillis;
    int maxStringLength;
    int maxCollectionSize;
    int maxDepth;
    int maxEventBytes;
    List<String> redactKeys;
    boolean scanSecretValues;
    boolean verbose;
    Boolean exportConsole;
    boolean exportFileSet;
    Path exportFile;
    long jsonlMaxBytes;
  }

  private String text(Setting s) {
    return sources == null ? null : s.text(sources);
  }

  private boolean bool(Setting s, boolean dflt) {
    Boolean b = sources == null ? null : s.bool(sources);
    return b == null ? dflt : b;
  }

  private int limit(Integer explicit, Setting s, int dflt) {
    if (explicit != null) {
      return explicit;
    }
    Long n = sources == null ? null : s.whole(sources);
    return n == null ? dflt : (int) (long) n;
  }

  private double sourcedRate() {
    ConfigSources.Sourced v = sources == null ? null : Setting.SAMPLE_RATE.read(sources);
    if (v == null || v.value().isEmpty()) {
      return 1.0;
    }
    double rate;
    try {
      rate = Double.parseDouble(v.value());
    } catch (NumberFormatException e) {
      rate = Double.NaN;
    }
    return checkRate(rate, v.origin() + " ('" + v.value() + "')");
  }

  private static double checkRate(double rate, String origin) {
    if (!(rate >= 0.0 && rate <= 1.0)) {
      throw new ConfigurationException(origin + " must be a number from 0.0 (keep no sessions) to 1.0"
          + " (keep every session), e.g. 0.25 to keep a quarter of them");
    }
    return rate;
  }

  private static Path parseFile(ConfigSources.Sourced v) {
    String s = v.value();
    if (s.isEmpty() || s.equalsIgnoreCase("off") || s.equalsIgnoreCase("none") || s.equalsIgnoreCase("false")) {
      return null;
    }
    try {
      return Path.of(s);
    } catch (RuntimeException e) {
      throw new ConfigurationException(v.origin() + " is not a valid file path: '" + s + "'");
    }
  }

  private static List<String> splitList(String value) {
    List<String> out = new ArrayList<>();
    if (value != null) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return List.copyOf(out);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
