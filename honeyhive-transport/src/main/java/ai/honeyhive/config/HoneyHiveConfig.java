package ai.honeyhive.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the tracer and the transport are configured with, as one immutable value.
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

  private final String apiKey;
  private final String project;
  private final String source;
  private final URI apiUrl;
  private final String sessionName;
  private final boolean verbose;
  private final boolean tracingEnabled;
  private final Path exportFile;
  private final long jsonlMaxBytes;
  private final boolean exportConsole;
  private final double sampleRate;
  private final boolean sampleKeepErrors;
  private final int maxSessionEvents;
  private final int maxSessionAgeMillis;
  private final ExportSettings export;
  private final int maxStringLength;
  private final int maxCollectionSize;
  private final int maxDepth;
  private final int maxEventBytes;
  private final List<String> redactKeys;
  private final boolean scanSecretValues;

  private HoneyHiveConfig(Builder b, ConfigSources env) {
    this.apiKey = blankToNull(pick(b.apiKey, env, Setting.API_KEY));
    String p = blankToNull(pick(b.project, env, Setting.PROJECT));
    if (p == null && apiKey != null) {
      throw new ConfigurationException("An API key is configured but no project: set "
          + Setting.PROJECT.env + " or -D" + Setting.PROJECT.property
          + " or HoneyHiveConfig.builder().project(...) to the HoneyHive project to send to");
    }
    this.project = p == null ? DEFAULT_LOCAL_PROJECT : p;
    String s = blankToNull(pick(b.source, env, Setting.SOURCE));
    this.source = s == null ? DEFAULT_SOURCE : s;
    this.apiUrl = b.apiUrl != null ? b.apiUrl : parseUrl(env.get(Setting.API_URL));
    this.sessionName = blankToNull(pick(b.sessionName, env, Setting.SESSION_NAME));
    this.verbose = pickBoolean(b.verbose, env, Setting.VERBOSE, false);
    this.tracingEnabled = b.tracingEnabled != null
        ? b.tracingEnabled
        : !pickBoolean(null, env, Setting.DISABLE_TRACING, false);
    this.exportFile = b.exportFileSet ? b.exportFile : parseFile(env.get(Setting.EXPORT_FILE), apiKey == null);
    this.jsonlMaxBytes = b.jsonlMaxBytes != null ? b.jsonlMaxBytes : parseJsonlMaxBytes(env.get(Setting.JSONL_MAX_BYTES));
    this.exportConsole = pickBoolean(b.exportConsole, env, Setting.EXPORT_CONSOLE, apiKey == null);
    this.sampleRate = b.sampleRate != null ? b.sampleRate : parseRate(env.get(Setting.SAMPLE_RATE));
    this.sampleKeepErrors = pickBoolean(b.sampleKeepErrors, env, Setting.SAMPLE_KEEP_ERRORS, false);
    this.maxSessionEvents = pickLimit(b.maxSessionEvents, env, Setting.MAX_SESSION_EVENTS, DEFAULT_MAX_SESSION_EVENTS);
    this.maxSessionAgeMillis = pickLimit(b.maxSessionAgeMillis, env, Setting.MAX_SESSION_AGE_MS, DEFAULT_MAX_SESSION_AGE_MS);
    this.export = b.export.resolve(env);
    this.maxStringLength = pickLimit(b.maxStringLength, env, Setting.MAX_STRING_LENGTH, DEFAULT_MAX_STRING_LENGTH);
    this.maxCollectionSize = pickLimit(b.maxCollectionSize, env, Setting.MAX_COLLECTION_SIZE, DEFAULT_MAX_COLLECTION_SIZE);
    this.maxDepth = pickLimit(b.maxDepth, env, Setting.MAX_DEPTH, DEFAULT_MAX_DEPTH);
    this.maxEventBytes = pickLimit(b.maxEventBytes, env, Setting.MAX_EVENT_BYTES, DEFAULT_MAX_EVENT_BYTES);
    this.redactKeys = b.redactKeys != null ? b.redactKeys : splitList(pick(null, env, Setting.REDACT_KEYS));
    this.scanSecretValues = pickBoolean(b.scanSecretValues, env, Setting.SCAN_SECRET_VALUES, true);
  }

  /** A builder whose unset values take their defaults: it reads neither system properties nor the environment. */
  public static Builder builder() {
    return new Builder(ConfigSources.none());
  }

  /** A builder whose unset values come from the given sources: see {@link ConfigSources#configBuilder()}. */
  static Builder builderOver(ConfigSources sources) {
    return new Builder(sources);
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

  /** The name given to sessions that are not named explicitly; empty means the outermost call's name. */
  public Optional<String> sessionName() {
    return Optional.ofNullable(sessionName);
  }

  public boolean verbose() {
    return verbose;
  }

  public boolean tracingEnabled() {
    return tracingEnabled;
  }

  /** The JSONL file sessions are appended to, if any. */
  public Optional<Path> exportFile() {
    return Optional.ofNullable(exportFile);
  }

  /** The size at which the JSONL file is renamed to {@code <name>.1} and started afresh. */
  public long jsonlMaxBytes() {
    return jsonlMaxBytes;
  }

  /** Whether sessions are printed as trees on standard output. */
  public boolean exportConsole() {
    return exportConsole;
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

  /** Queue, batch, HTTP, retry and shutdown settings for sending sessions. */
  public ExportSettings export() {
    return export;
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

  public Builder toBuilder() {
    Builder b = new Builder(ConfigSources.none());
    b.apiKey = apiKey;
    b.project = apiKey == null && project.equals(DEFAULT_LOCAL_PROJECT) ? null : project;
    b.source = source;
    b.apiUrl = apiUrl;
    b.sessionName = sessionName;
    b.verbose = verbose;
    b.tracingEnabled = tracingEnabled;
    b.exportFile = exportFile;
    b.exportFileSet = true;
    b.jsonlMaxBytes = jsonlMaxBytes;
    b.exportConsole = exportConsole;
    b.sampleRate = sampleRate;
    b.sampleKeepErrors = sampleKeepErrors;
    b.maxSessionEvents = maxSessionEvents;
    b.maxSessionAgeMillis = maxSessionAgeMillis;
    b.export = export.toBuilder();
    b.maxStringLength = maxStringLength;
    b.maxCollectionSize = maxCollectionSize;
    b.maxDepth = maxDepth;
    b.maxEventBytes = maxEventBytes;
    b.redactKeys = redactKeys;
    b.scanSecretValues = scanSecretValues;
    return b;
  }

  @Override
  public String toString() {
    return "HoneyHiveConfig{apiKey=" + (apiKey == null ? "<none>" : "<redacted>")
        + ", project=" + project + ", source=" + source + ", apiUrl=" + apiUrl
        + ", sessionName=" + sessionName + ", verbose=" + verbose
        + ", tracingEnabled=" + tracingEnabled + ", exportFile=" + exportFile
        + ", jsonlMaxBytes=" + jsonlMaxBytes
        + ", exportConsole=" + exportConsole + ", sampleRate=" + sampleRate
        + ", sampleKeepErrors=" + sampleKeepErrors + ", export=" + export
        + ", maxStringLength=" + maxStringLength + ", maxCollectionSize=" + maxCollectionSize
        + ", maxDepth=" + maxDepth + ", maxEventBytes=" + maxEventBytes
        + ", redactKeys=" + redactKeys + ", scanSecretValues=" + scanSecretValues + "}";
  }

  private static String pick(String explicit, ConfigSources env, Setting s) {
    if (explicit != null) {
      return explicit;
    }
    ConfigSources.Sourced v = env.get(s);
    return v == null ? null : v.value();
  }

  private static boolean pickBoolean(Boolean explicit, ConfigSources env, Setting s, boolean dflt) {
    if (explicit != null) {
      return explicit;
    }
    ConfigSources.Sourced v = env.get(s);
    return v == null ? dflt : v.asBoolean(s);
  }

  private static int pickLimit(Integer explicit, ConfigSources env, Setting s, int dflt) {
    if (explicit != null) {
      return explicit;
    }
    ConfigSources.Sourced v = env.get(s);
    if (v == null || v.value().isEmpty()) {
      return dflt;
    }
    long n;
    try {
      n = Long.parseLong(v.value().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new ConfigurationException(v.origin() + " must be a whole number, but was '" + v.value() + "'");
    }
    return checkLimit(s, n, v.origin());
  }

  /** The declared range ({@link Setting#min()}..{@link Setting#max()}) keeps every limit meaningful: markers fit, and Jackson's nesting limit is never hit. */
  static int checkLimit(Setting s, long n, String origin) {
    if (!s.hasRange()) {
      throw new IllegalArgumentException(s.name());
    }
    if (n < s.min() || n > s.max()) {
      throw new ConfigurationException(origin + " must be between " + s.min() + " and " + s.max() + ", but was " + n);
    }
    return (int) n;
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

  private static URI parseUrl(ConfigSources.Sourced v) {
    if (v == null || v.value().isEmpty()) {
      return DEFAULT_API_URL;
    }
    return checkUrl(v.value(), v.origin());
  }

  static URI checkUrl(String value, String origin) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(origin + " is not a valid URL: '" + value
          + "'; use the form https://api.honeyhive.ai");
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new ConfigurationException(origin + " must be an http or https URL with a host, but was '"
          + value + "'; use the form https://api.honeyhive.ai");
    }
    // request paths are appended to the URL: a query or fragment would end up before them
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ConfigurationException(origin + " must not have a query (?...) or fragment (#...), but was '"
          + value + "': paths such as /events/batch are appended to it; use the base URL alone,"
          + " e.g. https://api.honeyhive.ai");
    }
    return uri;
  }

  private static double parseRate(ConfigSources.Sourced v) {
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

  static double checkRate(double rate, String origin) {
    if (!(rate >= 0.0 && rate <= 1.0)) {
      throw new ConfigurationException(origin + " must be a number from 0.0 (keep no sessions) to 1.0"
          + " (keep every session), e.g. 0.25 to keep a quarter of them");
    }
    return rate;
  }

  private static Path parseFile(ConfigSources.Sourced v, boolean localDefault) {
    if (v == null) {
      return localDefault ? DEFAULT_EXPORT_FILE : null;
    }
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

  private static long parseJsonlMaxBytes(ConfigSources.Sourced v) {
    if (v == null || v.value().isEmpty()) {
      return DEFAULT_JSONL_MAX_BYTES;
    }
    try {
      return checkJsonlMaxBytes(Long.parseLong(v.value().replace("_", "")), v.origin());
    } catch (NumberFormatException e) {
      throw new ConfigurationException(v.origin() + " must be a whole number of bytes, e.g. 67108864"
          + " for 64 MiB, but was '" + v.value() + "'");
    }
  }

  static long checkJsonlMaxBytes(long bytes, String origin) {
    if (bytes < Setting.JSONL_MAX_BYTES.min()) {
      throw new ConfigurationException(origin + " must be at least " + Setting.JSONL_MAX_BYTES.min()
          + " bytes, but was " + bytes);
    }
    return bytes;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /** Collects explicit settings; {@link #build()} fills the rest from its sources (none for {@link #builder()}) and defaults. */
  public static final class Builder {
    private final ConfigSources env;
    private String apiKey;
    private String project;
    private String source;
    private URI apiUrl;
    private String sessionName;
    private Boolean verbose;
    private Boolean tracingEnabled;
    private Path exportFile;
    private boolean exportFileSet;
    private Long jsonlMaxBytes;
    private Boolean exportConsole;
    private Double sampleRate;
    private Boolean sampleKeepErrors;
    private Integer maxSessionEvents;
    private Integer maxSessionAgeMillis;
    private ExportSettings.Builder export = ExportSettings.builder();
    private Integer maxStringLength;
    private Integer maxCollectionSize;
    private Integer maxDepth;
    private Integer maxEventBytes;
    private List<String> redactKeys;
    private Boolean scanSecretValues;

    private Builder(ConfigSources env) {
      this.env = env;
    }

    /** The HoneyHive API key; with one, sessions are sent to the API. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** The HoneyHive project; required when an API key is configured. */
    public Builder project(String project) {
      this.project = project;
      return this;
    }

    /** The source recorded on every event and session, e.g. {@code production}; default {@code dev}. */
    public Builder source(String source) {
      this.source = source;
      return this;
    }

    /** The API's base URL; default {@code https://api.honeyhive.ai}. */
    public Builder apiUrl(String apiUrl) {
      this.apiUrl = checkUrl(Objects.requireNonNull(apiUrl, "apiUrl"), "apiUrl");
      return this;
    }

    /** The name of sessions not named explicitly; default: the outermost traced call's name. */
    public Builder sessionName(String sessionName) {
      this.sessionName = sessionName;
      return this;
    }

    /** Print inputs and outputs in the console tree. */
    public Builder verbose(boolean verbose) {
      this.verbose = verbose;
      return this;
    }

    /** Whether tracing is on; default on. */
    public Builder tracingEnabled(boolean enabled) {
      this.tracingEnabled = enabled;
      return this;
    }

    /** Append sessions as JSON lines to this file; {@code null} for none. */
    public Builder exportFile(Path file) {
      this.exportFile = file;
      this.exportFileSet = true;
      return this;
    }

    /**
     * The size (at least 4,096 bytes) at which the JSONL file is renamed to {@code <name>.1},
     * replacing the previous one, and started afresh; default 64 MiB.
     */
    public Builder jsonlMaxBytes(long bytes) {
      this.jsonlMaxBytes = checkJsonlMaxBytes(bytes, "jsonlMaxBytes");
      return this;
    }

    /** Print sessions as trees on standard output. */
    public Builder exportConsole(boolean console) {
      this.exportConsole = console;
      return this;
    }

    /**
     * Events one session may hold in memory, not yet exported (100 to 100,000,000); default 10,000.
     * Past it the session is exported as it stands (open events marked incomplete) and closed.
     */
    public Builder maxSessionEvents(int events) {
      this.maxSessionEvents = checkLimit(Setting.MAX_SESSION_EVENTS, events, "maxSessionEvents");
      return this;
    }

    /**
     * How long a session may stay open (1 s to about 24 days); default 30 minutes. Past it the
     * session is exported as it stands (open events marked incomplete) and closed.
     */
    public Builder maxSessionAge(Duration age) {
      this.maxSessionAgeMillis = checkLimit(Setting.MAX_SESSION_AGE_MS, Objects.requireNonNull(age, "age").toMillis(),
          "maxSessionAge");
      return this;
    }

    /** Queue, batch, HTTP and retry settings; those the builder leaves unset come from this builder's sources. */
    public Builder export(ExportSettings.Builder settings) {
      this.export = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Characters kept of each captured string (16 to 100,000,000); default 32,768. */
    public Builder maxStringLength(int chars) {
      this.maxStringLength = checkLimit(Setting.MAX_STRING_LENGTH, chars, "maxStringLength");
      return this;
    }

    /** Elements kept of each captured collection, array, map or object (1 to 10,000,000); default 1,000. */
    public Builder maxCollectionSize(int elements) {
      this.maxCollectionSize = checkLimit(Setting.MAX_COLLECTION_SIZE, elements, "maxCollectionSize");
      return this;
    }

    /** Nesting levels kept of each captured value (1 to 500); default 32. */
    public Builder maxDepth(int levels) {
      this.maxDepth = checkLimit(Setting.MAX_DEPTH, levels, "maxDepth");
      return this;
    }

    /** The most one event may take as JSON, in bytes (4,096 to 1,000,000,000); default 262,144. */
    public Builder maxEventBytes(int bytes) {
      this.maxEventBytes = checkLimit(Setting.MAX_EVENT_BYTES, bytes, "maxEventBytes");
      return this;
    }

    /**
     * The share of sessions kept, from 0.0 to 1.0; default 1.0 (all). Each session is kept or
     * dropped whole when it starts, so no tree is ever exported in part.
     *
     * @throws ConfigurationException when the rate is not within 0.0 to 1.0
     */
    public Builder sampleRate(double rate) {
      this.sampleRate = checkRate(rate, "sampleRate (" + rate + ")");
      return this;
    }

    /** Keep every session in which an event or the session recorded an error, whatever the sample rate; default off. */
    public Builder sampleKeepErrors(boolean keep) {
      this.sampleKeepErrors = keep;
      return this;
    }

    /**
     * Names to mask in captured values, matched like the built-in secret-looking names
     * ({@code password}, {@code token}, ...), which stay masked too.
     */
    public Builder redactKeys(String... names) {
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
    public Builder scanSecretValues(boolean scan) {
      this.scanSecretValues = scan;
      return this;
    }

    /**
     * Resolves every setting.
     *
     * @throws ConfigurationException when a setting is malformed or a required one is missing
     */
    public HoneyHiveConfig build() {
      return new HoneyHiveConfig(this, env);
    }
  }
}
