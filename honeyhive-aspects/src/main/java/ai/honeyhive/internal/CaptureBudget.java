package ai.honeyhive.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one event's captured values may still take, roughly in JSON bytes, and how many of them
 * were cut to fit. It bounds the memory an event holds while it is open; the exact size limit is
 * applied when the event is finished. Thread-safe: enrichment may come from several threads.
 * Not public API.
 */
public final class CaptureBudget {
  private final long initial;
  private final AtomicLong remaining;
  private final AtomicInteger truncations = new AtomicInteger();

  public CaptureBudget(long bytes) {
    this.initial = bytes;
    this.remaining = new AtomicLong(bytes);
  }

  /** Bytes still available; never negative. */
  public long remaining() {
    return Math.max(0, remaining.get());
  }

  /**
   * What the captured values were estimated to take: an upper bound on their JSON length in
   * UTF-16 characters (names included), which can exceed the initial budget.
   */
  public long spent() {
    return initial - remaining.get();
  }

  public void spend(long bytes) {
    remaining.addAndGet(-bytes);
  }

  public void truncated(int count) {
    if (count > 0) {
      truncations.addAndGet(count);
    }
  }

  /** How many values were cut, replaced by a marker or left out to fit the limits. */
  public int truncations() {
    return truncations.get();
  }
}
