package ai.honeyhive.internal;

/**
 * What one event's captured values may still take, roughly in JSON bytes, and how many of them
 * were cut to fit. It bounds the memory an event holds while it is open; the exact size limit is
 * applied when the event is finished. Thread-safe: enrichment may come from several threads.
 * One small object per event: the locks are uncontended. Not public API.
 */
public final class CaptureBudget {
  private final long initial;
  private long remaining;
  private int truncations;

  public CaptureBudget(long bytes) {
    this.initial = bytes;
    this.remaining = bytes;
  }

  /** Bytes still available; never negative. */
  public synchronized long remaining() {
    return Math.max(0, remaining);
  }

  /**
   * What the captured values were estimated to take: an upper bound on their JSON length in
   * UTF-16 characters (names included), which can exceed the initial budget.
   */
  public synchronized long spent() {
    return initial - remaining;
  }

  public synchronized void spend(long bytes) {
    remaining -= bytes;
  }

  /** Spends {@code bytes} and counts {@code cut} truncations, in one step. */
  public synchronized void record(long bytes, int cut) {
    remaining -= bytes;
    truncations += Math.max(0, cut);
  }

  public synchronized void truncated(int count) {
    if (count > 0) {
      truncations += count;
    }
  }

  /** How many values were cut, replaced by a marker or left out to fit the limits. */
  public synchronized int truncations() {
    return truncations;
  }
}
