package ai.honeyhive.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What one event's captured values may still take, roughly in JSON bytes, and how many of them
 * were cut to fit. It bounds the memory an event holds while it is open; the exact size limit is
 * applied when the event is finished. Thread-safe without a lock: enrichment may come from several
 * threads, but nearly always it is the event's own thread alone, and every captured value spends
 * from it, so each step is one atomic instruction (a lock would be two: enter and exit), or none
 * at all while the budget is confined (below). Not public API.
 *
 * <p>An event's budget starts {@linkplain #confine() confined} to the thread that starts the
 * event: until the event is published to other threads ({@link #share()}, before its session
 * counts it in), every step is a plain read and write, so capturing a woven call's arguments
 * (every string of a chat-message list spends) costs no atomic instruction at all. What
 * publishes the event orders those writes before any other thread's use of the budget.
 *
 * <p>Every recorded value spends from it, whatever its type, and so does the key it is recorded
 * under. A new entry is admitted only while there is room for its key ({@link #hasRoomFor}); a
 * value that replaces another gives back what the old one took ({@link #refund}), never more than
 * it was charged, so {@link #spent()} stays an upper bound of what the event holds.
 */
public final class CaptureBudget {
  private static final VarHandle REMAINING;
  private static final VarHandle TRUNCATIONS;
  private static final VarHandle TO_SCAN;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      REMAINING = lookup.findVarHandle(CaptureBudget.class, "remaining", long.class);
      TRUNCATIONS = lookup.findVarHandle(CaptureBudget.class, "truncations", int.class);
      TO_SCAN = lookup.findVarHandle(CaptureBudget.class, "toScan", Pending.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final long initial;
  /** Changed only through {@link #REMAINING}: atomic operations, or plain ones while {@link #confined}. */
  private volatile long remaining;
  private volatile int truncations;
  /** Whether captured strings may leave their secret scan to the export worker: see {@link #scanLater}. */
  private final boolean scansLater;
  /** The strings waiting for that scan, newest first; changed only through {@link #TO_SCAN} (plainly while confined). */
  private volatile Pending toScan;
  /**
   * Used by one thread only, which has not published its owner yet: plain steps instead of
   * atomic ones (see the class comment). Written by that thread alone, before publication.
   */
  private boolean confined;

  public CaptureBudget(long bytes) {
    this(bytes, false);
  }

  /**
   * @param scansLater whether the values captured with it may leave their secret-value scan to
   *     {@link ValueCapture#limit}, because they leave the process only through it (an event's)
   */
  public CaptureBudget(long bytes, boolean scansLater) {
    this.initial = bytes;
    this.remaining = bytes;
    this.scansLater = scansLater;
  }

  /** Only the calling thread uses it until {@link #share()}: see the class comment. */
  void confine() {
    confined = true;
  }

  /** Other threads may use it from now on: called before what publishes its owner to them. */
  void share() {
    confined = false;
  }

  /** Bytes still available; never negative. */
  public long remaining() {
    return Math.max(0, remaining);
  }

  /**
   * What the captured values were estimated to take: an upper bound on their JSON length in
   * UTF-16 characters (names included), which can exceed the initial budget. A number or boolean
   * counts as 8, which the size check's factor of 6 per character turns into more than the 20
   * characters a number can take.
   */
  public long spent() {
    return initial - remaining;
  }

  public void spend(long bytes) {
    if (confined) {
      REMAINING.set(this, (long) REMAINING.get(this) - bytes);   // plain: see #confined
    } else {
      REMAINING.getAndAdd(this, -bytes);
    }
  }

  /** Spends {@code bytes} and counts {@code cut} truncations. */
  public void record(long bytes, int cut) {
    spend(bytes);
    truncated(cut);
  }

  /**
   * Takes what a string of {@code chars} characters recorded under a key costing
   * {@code keyBytes} takes when it is kept whole, if it fits in what remains after the key, and
   * says whether it did; takes nothing otherwise. One atomic step for the commonest value there is.
   */
  public boolean spendIfWhole(long keyBytes, int chars) {
    if (confined) {
      long r = (long) REMAINING.get(this);
      if (chars > Math.max(0, r - keyBytes)) {
        return false;
      }
      REMAINING.set(this, r - (keyBytes + chars + 2L));
      return true;
    }
    while (true) {
      long r = remaining;
      if (chars > Math.max(0, r - keyBytes)) {
        return false;
      }
      if (REMAINING.compareAndSet(this, r, r - (keyBytes + chars + 2L))) {
        return true;
      }
    }
  }

  /**
   * Whether a new entry under {@code key} may be added: there is room left for its key and the
   * smallest value (a number). When there is not, the map it would go into stops growing.
   */
  public boolean hasRoomFor(String key) {
    // A setter racing another thread's may be admitted on a value about to change; that
    // overshoots by one entry, and the exact limit still applies at the end.
    long left = (long) REMAINING.getOpaque(this);
    return left >= (key == null ? 0 : key.length() + 4L) + 8;
  }

  /** Gives back what a value that is no longer held took; the budget never exceeds its start. */
  public void refund(long bytes) {
    if (bytes > 0 && confined) {
      REMAINING.set(this, Math.min(initial, (long) REMAINING.get(this) + bytes));
    } else if (bytes > 0) {
      while (true) {
        long r = remaining;
        if (REMAINING.compareAndSet(this, r, Math.min(initial, r + bytes))) {
          return;
        }
      }
    }
  }

  public void truncated(int count) {
    if (count > 0 && confined) {
      TRUNCATIONS.set(this, (int) TRUNCATIONS.get(this) + count);
    } else if (count > 0) {
      TRUNCATIONS.getAndAdd(this, count);
    }
  }

  /** How many values were cut, replaced by a marker or left out to fit the limits. */
  public int truncations() {
    return truncations;
  }

  // ---- the secret-value scan left to the export worker

  /** Strings waiting for their scan: a {@code String}, or a {@code String[]} (nulls skipped). */
  private record Pending(Object texts, Pending next) {
    int size() {
      return texts instanceof String[] a ? a.length : 1;
    }
  }

  /** Whether {@link #scanLater} may be used: the values leave only through {@link ValueCapture#limit}. */
  public boolean scansLater() {
    return scansLater;
  }

  /**
   * Notes that the captured string {@code s}, recorded as it is, still has to be scanned for
   * secret-looking values before it leaves the process. Strings are immutable, so scanning it on
   * the export worker gives what scanning it here would. One atomic step, any thread.
   */
  public void scanLater(String s) {
    push(s);
  }

  /**
   * {@link #scanLater(String)} for each string of {@code texts} (null elements are skipped),
   * which the caller no longer changes: one atomic step for all the long strings of a captured
   * value.
   */
  public void scanLater(String[] texts) {
    push(texts);
  }

  /** Puts {@code texts} (a {@code String} or {@code String[]}) on {@link #toScan}: plainly while confined, else in one atomic step. */
  private void push(Object texts) {
    if (confined) {
      TO_SCAN.set(this, new Pending(texts, (Pending) TO_SCAN.get(this)));
      return;
    }
    while (true) {
      Pending head = toScan;
      if (TO_SCAN.compareAndSet(this, head, new Pending(texts, head))) {
        return;
      }
    }
  }

  /** The strings {@link #scanLater} noted, in no particular order, or null if none. */
  public String[] toScan() {
    Pending head = toScan;
    if (head == null) {
      return null;
    }
    int n = 0;
    for (Pending p = head; p != null; p = p.next()) {
      n += p.size();
    }
    String[] out = new String[n];
    int i = 0;
    for (Pending p = head; p != null && i < n; p = p.next()) {
      if (p.texts() instanceof String[] a) {
        for (int k = 0; k < a.length && i < n; k++) {
          if (a[k] != null) {
            out[i++] = a[k];
          }
        }
      } else {
        out[i++] = (String) p.texts();
      }
    }
    return i == n ? out : java.util.Arrays.copyOf(out, i);
  }
}
