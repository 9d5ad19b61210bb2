package ai.honeyhive.internal;

import ai.honeyhive.transport.model.Event;

/**
 * Turns arguments, return values and enrichment into what an event records, and keeps each event
 * within its size limit. Captured values are immutable snapshots (strings, numbers, booleans,
 * {@code null}, unmodifiable lists and maps of those) taken on the caller's thread, so no later
 * change to the original objects can alter them. Implementations never throw.
 *
 * <p>Everything an event holds in {@code inputs}, {@code outputs}, {@code config},
 * {@code metadata}, {@code metrics}, {@code feedback} and {@code user_properties}, and its error,
 * must come from {@link #capture(String, Object, CaptureBudget)} with that event's budget:
 * {@link #limit} trusts the budget's estimate to skip measuring small events.
 * Not public API.
 */
public interface ValueCapture {
  /** What a masked value is recorded as. */
  String REDACTED = "[redacted]";

  /**
   * The metadata key marking an event exported before it ended (cut at shutdown or at a session
   * limit); the library's own, like {@link #TRUNCATED_KEY}: the size limit never drops it.
   */
  String INCOMPLETE_KEY = "honeyhive_incomplete";

  /** The metadata key counting the values of an event that were cut to fit the limits. */
  String TRUNCATED_KEY = "honeyhive_truncated";

  /** A fresh account of what one event's captured values may still take. */
  CaptureBudget newBudget();

  /**
   * A fresh budget for an event, whose values leave the process only through {@link #limit}
   * with that budget: the capture may leave work that does not change what was captured (the
   * scan of immutable strings for secret-looking values) to {@link #limit}, on the export worker.
   */
  default CaptureBudget newEventBudget() {
    return newBudget();
  }

  /**
   * Whether whole numbers recorded under each of {@code names} are kept exactly as they are (no
   * masking function sees them, no name is secret), so that they may be recorded without a
   * capture each. For names fixed in the code, asked on every call: may remember the answer.
   */
  default boolean keepsNumbersUnder(String[] names) {
    return false;
  }

  /**
   * Captures {@code value}, recorded under {@code name} (a parameter, input, output or metadata
   * key; it decides redaction and is passed to the masking function; may be null), spending
   * from {@code budget}.
   */
  Object capture(String name, Object value, CaptureBudget budget);

  /**
   * The finished event as it may leave the process: within the size limit, with the number of
   * truncated values in {@code metadata}.
   */
  Event limit(Event event, CaptureBudget budget);

  /** Captures a value that belongs to no event (its own budget, no name). */
  default Object capture(Object value) {
    return capture(null, value, newBudget());
  }
}
