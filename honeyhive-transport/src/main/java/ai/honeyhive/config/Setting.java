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
  EXPORT_CONSOLE("honeyhive.export.console", false),
  MAX_STRING_LENGTH("honeyhive.max.string.length", false),
  MAX_COLLECTION_SIZE("honeyhive.max.collection.size", false),
  MAX_DEPTH("honeyhive.max.depth", false),
  MAX_EVENT_BYTES("honeyhive.max.event.bytes", false),
  REDACT_KEYS("honeyhive.redact.keys", false);

  final String property;
  final String env;
  final boolean secret;

  Setting(String property, boolean secret) {
    this.property = property;
    this.env = "HH_" + property.substring("honeyhive.".length()).replace('.', '_').toUpperCase(Locale.ROOT);
    this.secret = secret;
  }
}
