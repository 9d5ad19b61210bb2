package ai.honeyhive.internal;

import ai.honeyhive.internal.capture.Entries;
import java.util.Map;

/**
 * The values recorded on an event or a session: its inputs, outputs, config, metadata, metrics,
 * feedback, user properties and error, each captured on the calling thread at the time of the
 * call and spending from the owner's {@link CaptureBudget}. Not public API.
 *
 * <p>Enrichment may come from other threads than the one that started the event, so every change
 * to the maps is made, and every read of them for export done, holding the owner's monitor. The
 * owner extends this class rather than holding one, so that the monitor is the event's (or the
 * session's) own, as the lock order "session, then event" names it, and an event costs no extra
 * object on the traced call's path.
 */
abstract class RecordedFields {
  // What the setters record into: one of the maps.
  static final int INPUTS = 0;
  static final int CONFIG = 1;
  static final int METADATA = 2;
  static final int METRICS = 3;
  static final int FEEDBACK = 4;
  static final int USER_PROPERTIES = 5;

  // Guarded by this; made when first set (most events set a few, most sessions none).
  Map<String, Object> inputs;
  Map<String, Object> outputs;
  Map<String, Object> config;
  Map<String, Object> metadata;
  Map<String, Object> metrics;
  Map<String, Object> feedback;
  Map<String, Object> userProperties;
  String error;
  /**
   * No more values are taken: the event has ended, and goes out as it was then, though its
   * {@code Event} is assembled later, on the processor's thread. Guarded by this. A session never
   * seals: what is set on it until its record is assembled goes out.
   */
  boolean sealed;
  /** Outputs were set explicitly (enrichment): a return value does not replace them. */
  volatile boolean outputsOverridden;

  /** Whether anything recorded can be exported; if not, recording is skipped. */
  abstract boolean recording();

  /** What the recorded values may still take; the same account on every call. */
  abstract CaptureBudget budget();

  abstract ValueCapture capture();

  /** Called holding the lock after a value was taken or left out: a session counts its cuts here. */
  void recorded(CaptureBudget budget) {}

  private Map<String, Object> map(int section) {
    return switch (section) {
      case INPUTS -> inputs;
      case CONFIG -> config;
      case METADATA -> metadata;
      case METRICS -> metrics;
      case FEEDBACK -> feedback;
      default -> userProperties;
    };
  }

  private void setMap(int section, Map<String, Object> m) {
    switch (section) {
      case INPUTS -> inputs = m;
      case CONFIG -> config = m;
      case METADATA -> metadata = m;
      case METRICS -> metrics = m;
      case FEEDBACK -> feedback = m;
      default -> userProperties = m;
    }
  }

  /**
   * Records {@code value} under {@code name} in one of the maps. A null key is recorded as
   * {@code "null"}, a long one cut ({@link Entries#key}). Every value, of any type, and its key
   * spend from the budget; once it is spent the maps stop growing: a new key is left out and
   * counted in {@code metadata.honeyhive_truncated}. A key already there can still be given a
   * new value: the old one gives back what it took, and the new one is captured within that.
   * The value is captured outside the lock.
   */
  final void record(int section, String name, Object value) {
    if (!recording()) {
      return;
    }
    CaptureBudget budget = budget();
    String key = Entries.key(name, budget);
    Object replaced = Entries.NOTHING;
    if (!budget.hasRoomFor(key)) {
      synchronized (this) {
        Map<String, Object> m = map(section);
        if (sealed) {
          return;
        }
        if (m == null || !m.containsKey(key)) {
          budget.truncated(1);
          recorded(budget);
          return;
        }
        replaced = m.get(key);
        budget.refund(Entries.cost(key, replaced));
      }
    }
    Object captured = capture().capture(key, value, budget);
    synchronized (this) {
      if (!sealed) {
        setMap(section, Entries.put(map(section), key, captured, replaced, budget));
        recorded(budget);
      }
    }
  }

  /**
   * Records several entries of one section, {@code values[i]} under {@code names[i]}: each
   * captured as {@link #record} does, outside the lock, and all put under one lock instead of one
   * lock each (an uncontended lock is still an atomic instruction on every call). {@code values}
   * is the caller's own array; it is overwritten with what was captured. An entry whose name is
   * not sent as it is (too long, malformed, null) or past the budget goes the way of
   * {@link #record}, as do all after it.
   */
  final void recordAll(int section, String[] names, Object[] values) {
    if (!recording()) {
      return;
    }
    CaptureBudget budget = budget();
    int n = Math.min(names.length, values.length);
    int batched = 0;
    while (batched < n) {
      String name = names[batched];
      if (name == null || Entries.key(name, budget) != name || !budget.hasRoomFor(name)) {
        break;
      }
      values[batched] = capture().capture(name, values[batched], budget);
      batched++;
    }
    if (batched > 0) {
      synchronized (this) {
        if (!sealed) {
          Map<String, Object> m = map(section);
          for (int i = 0; i < batched; i++) {
            m = Entries.put(m, names[i], values[i], Entries.NOTHING, budget);
          }
          setMap(section, m);
          recorded(budget);
        }
      }
    }
    for (int i = batched; i < n; i++) {
      record(section, names[i], values[i]);
    }
  }

  /**
   * Records the outputs, replacing earlier ones (which give back what they took): set
   * {@code explicitly} (enrichment), or from a return value, which does not replace outputs set
   * explicitly.
   */
  final void recordOutputs(Object value, boolean explicitly) {
    if (!recording()) {
      return;
    }
    CaptureBudget budget = budget();
    Map<String, Object> captured = OutputShape.of(value, capture(), budget);
    synchronized (this) {
      if (!sealed && (explicitly || !outputsOverridden)) {
        budget.refund(Entries.outputsCost(outputs));
        outputs = captured;
        if (explicitly) {
          outputsOverridden = true;
        }
        recorded(budget);
      }
    }
  }

  /** Records {@code t} as the error, described by its class and message, replacing an earlier one. */
  final void recordThrown(Throwable t) {
    if (!recording()) {
      return;
    }
    CaptureBudget budget = budget();
    Object captured = capture().capture("error", describe(t), budget);
    String described = captured == null ? null : captured.toString();
    synchronized (this) {
      if (!sealed) {
        budget.refund(error == null ? 0 : Entries.cost("error", error));
        error = described;
        recorded(budget);
      }
    }
  }

  static String describe(Throwable t) {
    if (t == null) {
      return null;
    }
    String message;
    try {
      message = t.getMessage();
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      message = null;
    }
    return message == null ? t.getClass().getName() : t.getClass().getName() + ": " + message;
  }

  static Map<String, Object> orEmpty(Map<String, Object> m) {
    return m == null ? Map.of() : m;
  }
}
