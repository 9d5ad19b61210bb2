package ai.honeyhive.internal;

import java.time.Instant;

/**
 * A {@link System#nanoTime()} reading and the wall-clock time taken with it, in epoch
 * nanoseconds: events' start and end times are measured from it, as OpenTelemetry anchors a
 * trace's clock, so that each costs one clock read rather than two. A runtime reads a new one
 * at most every {@link #REFRESH_NANOS} as sessions start, rather than one per session (a clock
 * read costs tens of nanoseconds on a virtual machine); a session keeps the one it started with.
 * The two clocks run at the same rate (both follow NTP's slewing), so a time computed from an
 * anchor a second old is the wall-clock time to within the two reads' interval, not a truncated
 * millisecond. Not public API.
 */
record WallClock(long nanos, long epochNanos) {
  /** How old an anchor a new session may take. */
  static final long REFRESH_NANOS = 1_000_000_000L;

  /**
   * Reads both clocks: the monotonic one first, so that a time computed from the pair is never
   * earlier than a wall-clock reading taken before the computed instant.
   */
  static WallClock read() {
    long n = System.nanoTime();
    Instant now = Instant.now();
    return new WallClock(n, now.getEpochSecond() * 1_000_000_000L + now.getNano());
  }

  /** The wall-clock time, in epoch milliseconds, of a {@link System#nanoTime()} reading. */
  long epochMillis(long atNanos) {
    return Math.floorDiv(epochNanos + (atNanos - nanos), 1_000_000L);
  }

  /** Whether a session starting at {@code nowNanos} should take a fresher anchor than this. */
  boolean staleAt(long nowNanos) {
    long age = nowNanos - nanos;
    return age >= REFRESH_NANOS || age < -REFRESH_NANOS;
  }
}
