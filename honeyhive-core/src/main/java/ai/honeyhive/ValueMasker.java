package ai.honeyhive;

/**
 * Rewrites captured values before they leave the process, e.g. to scrub e-mail addresses or
 * card numbers that no field name gives away. Set it with {@link TracerBuilder#masker}.
 *
 * <p>It is called on the thread that captures, once for every string, number and boolean in an
 * event's or session's inputs, outputs, config, metadata, metrics, feedback, user properties and
 * error, at any depth, and for every map key (with {@code key} null). Values already redacted by name or {@code @Redact}, and the library's own
 * markers, are not passed. A truncated string is passed without its truncation marker. Keep it
 * fast: it runs inside every traced call.
 *
 * <p>If it throws, the value is recorded as {@code "[masking failed]"}: a failing masker never
 * lets the unmasked value through.
 */
@FunctionalInterface
public interface ValueMasker {

  /**
   * Returns what to record instead of {@code value}: {@code value} itself to keep it, a
   * replacement (a string, number, boolean or {@code null}; anything else is recorded as its
   * {@code toString()}).
   *
   * @param key the name the value is recorded under: the nearest map key, property name,
   *     parameter name or enrichment key; elements of a list share their list's key; may be null
   * @param value a {@code String}, {@code Number} or {@code Boolean}, never null
   */
  Object mask(String key, Object value);
}
