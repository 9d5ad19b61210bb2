package ai.honeyhive.internal;

/**
 * Turns an argument or return value into what the event records: a value that no later change to
 * the original object can alter, and that Jackson writes as JSON. Runs on the caller's thread at
 * call and return time. Implementations never throw. Not public API.
 */
public interface ValueCapture {
  Object capture(Object value);
}
