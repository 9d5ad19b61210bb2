package ai.honeyhive.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What one event's captured values may still take, roughly in JSON bytes, and how many of them
 * were cut to fit. It bounds the memory an event holds while it is open; the exact size limit is
 * applied when the event is finished. Thread-safe: enrichment may come from several threads.
 * One small object per event: the locks are uncontended. Not public API.
 *
 * <p>Every recorded value spends from it, whatever its type, and so does the key it is recorded
 * under. A new entry is admitted only while there is room for its key ({@link #hasRoomFor}); a
 * value that replaces another gives back what the old one took ({@link #refund}), never more than
 * it was charged, so {@link #spent()} stays an upper bound of what the event holds.
 */
public final class CaptureBudget {
  private static final VarHandle REMAINING;

  static {
    try {
      REMAINING = MethodHandles.lookup().findVarHandle(CaptureBudget.class, "remaining", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final long initial;
  /** Written under the lock; {@link #hasRoomFor} reads it without. */
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
   * UTF-16 characters (names included), which can exceed the initial budget. A number or boolean
   * counts as 8, which the size check's factor of 6 per character turns into more than the 20
   * characters a number can take.
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

  /**
   * Takes what a string of {@code chars} characters recorded under a key costing
   * {@code keyBytes} takes when it is kept whole, if it fits in what remains after the key, and
   * says whether it did; takes nothing otherwise. One lock for the commonest value there is.
   */
  public synchronized boolean spendIfWhole(long keyBytes, int chars) {
    if (chars > Math.max(0, remaining - keyBytes)) {
      return false;
    }
    remaining -= keyBytes + chars + 2L;
    return true;
  }

  /**
   * Whether a new entry under {@code key} may be added: there is room left for its key and the
   * smallest value (a number). When there is not, the map it would go into stops growing.
   */
  public boolean hasRoomFor(String key) {
    // Read without the lock, as the admission of every argument of every traced call asks it: an
    // atomic read of what the last spend left. A setter racing another thread's may be admitted
    // on a stale value; that overshoots by one entry, and the exact limit still applies at the end.
    long left = (long) REMAINING.getOpaque(this);
    return left >= (key == null ? 0 : key.length() + 4L) + 8;
  }

  /** Gives back what a value that is no longer held took; the budget never exceeds its start. */
  public void refund(long bytes) {
    if (bytes > 0) {
      synchronized (this) {
        remaining = Math.min(initial, remaining + bytes);
      }
    }
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
