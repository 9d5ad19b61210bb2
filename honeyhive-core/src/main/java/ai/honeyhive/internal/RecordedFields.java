package ai.honeyhive.internal;

import ai.honeyhive.internal.capture.Entries;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values recorded on an event or a session: its inputs, outputs, config, metadata, metrics,
 * feedback, user properties and error, each captured on the calling thread at the time of the
 * call and spending from the owner's {@link CaptureBudget}. Not public API.
 *
 * <p>Enrichment may come from other threads than the one that started the event, so every change
 * to the maps is made, and every read of them for export done, holding the owner's
 * {@linkplain #lock() lock}: a session's own monitor, which its events share. One lock for a
 * session and its events means that ending an event (its outputs, its seal) and counting the end
 * in its session (the session's bookkeeping) take one monitor instead of two, on every traced
 * call; enrichment of two events of one session from two threads at once, the one case it
 * serialises that separate locks did not, holds it only for a few field writes (values are
 * captured outside it). The owner extends this class rather than holding one, so an event costs
 * no extra object on the traced call's path.
 *
 * <p>The one exception is the writes made before the owner is published, that is before any other
 * thread can reach it: an event's start values (the arguments of a woven call, the model it
 * names) are recorded by the thread that creates it, before its session counts it in, and need no
 * lock of their own ({@link #attachUnpublished}); what publishes the event to other threads (the
 * session's lock, or for an implicit session's root the counting of the new session among those
 * in flight, see {@link ActiveEvent}) orders them before anything else.
 *
 * <p>Entries recorded several at a time (a woven call's arguments, a model's name and provider,
 * token usage) are kept as the arrays they came in, a {@link Batch}, not put in a map on the
 * caller's thread: the map is made when it is needed, by a setter of the same section (under the
 * lock) or when the event is assembled, on the export worker. A batch's names are distinct and
 * sent as they are, and it is only made for a section that holds nothing yet, so putting its
 * entries in a map later, in order, gives the map and the budget what putting them at once would
 * have: the same entries in the same order, nothing replaced, nothing given back.
 */
abstract class RecordedFields {
  // What the setters record into: one of the maps.
  static final int INPUTS = 0;
  static final int CONFIG = 1;
  static final int METADATA = 2;
  static final int METRICS = 3;
  static final int FEEDBACK = 4;
  static final int USER_PROPERTIES = 5;

  // Guarded by lock(); made when first set (most events set a few, most sessions none).
  Map<String, Object> inputs;
  /**
   * The outputs, unless {@link #outputsAreResult}: then they are the one entry
   * {@code {"result": result}} (see {@link #takeOutputs}), made into a map only when assembled.
   */
  Map<String, Object> outputs;
  Object result;
  boolean outputsAreResult;
  Map<String, Object> config;
  Map<String, Object> metadata;
  Map<String, Object> metrics;
  Map<String, Object> feedback;
  Map<String, Object> userProperties;
  String error;
  /** Sections recorded as arrays and not yet put in their map; see the class comment. Guarded like the maps. */
  Batch batches;
  /**
   * No more values are taken: the event has ended, and goes out as it was then, though its
   * {@code Event} is assembled later, on the processor's thread. Guarded by lock(). A session never
   * seals: what is set on it until its record is assembled goes out.
   */
  boolean sealed;
  /** Outputs were set explicitly (enrichment): a return value does not replace them. */
  volatile boolean outputsOverridden;

  /** Whether anything recorded can be exported; if not, recording is skipped. */
  abstract boolean recording();

  /** What guards the recorded values: the session's monitor, for the session and each of its events. */
  abstract Object lock();

  /** What the recorded values may still take; the same account on every call. */
  abstract CaptureBudget budget();

  abstract ValueCapture capture();

  /** Called holding the lock after a value was taken or left out: a session counts its cuts here. */
  void recorded(CaptureBudget budget) {}

  /**
   * Entries of one section, {@code values[i]} (captured) under {@code names[i]} for
   * {@code i < size}: distinct names, sent as they are; the section's map is null while it is here.
   */
  static final class Batch {
    final int section;
    final String[] names;
    /** The values; null when they are {@link #numbers}. */
    final Object[] values;
    /** Whole numbers, boxed only when put in the map (token usage), or null. */
    final long[] numbers;
    final int size;
    final Batch next;

    Batch(int section, String[] names, Object[] values, int size, Batch next) {
      this(section, names, values, null, size, next);
    }

    Batch(int section, String[] names, Object[] values, long[] numbers, int size, Batch next) {
      this.section = section;
      this.names = names;
      this.values = values;
      this.numbers = numbers;
      this.size = size;
      this.next = next;
    }

    Object value(int i) {
      return values != null ? values[i] : Long.valueOf(numbers[i]);
    }
  }

  /** The section's map, its batch (if any) put into it first. Holding the lock, or unpublished. */
  private Map<String, Object> map(int section) {
    if (batches != null) {
      unbatch(section);
    }
    return field(section);
  }

  private Map<String, Object> field(int section) {
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

  /** Puts the batch of {@code section}, if there is one, into its map. Holding the lock. */
  private void unbatch(int section) {
    Batch kept = null;
    for (Batch b = batches; b != null; b = b.next) {
      if (b.section != section) {
        kept = new Batch(b.section, b.names, b.values, b.numbers, b.size, kept);
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>(Math.max(4, b.size * 2));
      for (int i = 0; i < b.size; i++) {
        m.put(b.names[i], b.value(i));
      }
      setMap(section, m);
    }
    batches = kept;
  }

  /** Puts every batch into its map, for the owner to be assembled. Holding the lock. */
  final void unbatchAll() {
    while (batches != null) {
      unbatch(batches.section);
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
      synchronized (lock()) {
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
    synchronized (lock()) {
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
    int batched = captureAll(names, values, n, budget, false);
    if (batched > 0) {
      synchronized (lock()) {
        if (!sealed) {
          if (field(section) == null && !batched(section) && distinct(names, batched)) {
            batches = new Batch(section, names, values, batched, batches);
          } else {
            Map<String, Object> m = map(section);
            for (int i = 0; i < batched; i++) {
              m = Entries.put(m, names[i], values[i], Entries.NOTHING, budget);
            }
            setMap(section, m);
          }
          recorded(budget);
        }
      }
    }
    for (int i = batched; i < n; i++) {
      record(section, names[i], values[i]);
    }
  }

  /**
   * Captures in place the leading entries of {@code values} that may be recorded together: until
   * one whose name is not sent as it is (too long, malformed, null) or is past the budget. Returns
   * how many. {@code namesReady}: the names are known to be sent as they are ({@link #readyNames}).
   */
  final int captureAll(String[] names, Object[] values, int n, CaptureBudget budget, boolean namesReady) {
    ValueCapture capture = capture();
    int batched = 0;
    while (batched < n) {
      String name = names[batched];
      if (!namesReady && (name == null || Entries.key(name, budget) != name)) {
        break;
      }
      if (!budget.hasRoomFor(name)) {
        break;
      }
      values[batched] = capture.capture(name, values[batched], budget);
      batched++;
    }
    return batched;
  }

  /**
   * Attaches entries captured by {@link #captureAll} to a section that holds nothing yet, without
   * the lock: only before the owner is published (see the class comment). The names are distinct.
   */
  final void attachUnpublished(int section, String[] names, Object[] values, int size) {
    if (size > 0) {
      batches = new Batch(section, names, values, size, batches);
      recorded(budget());
    }
  }

  /**
   * Records whole numbers under names known to be kept as they are (no masking function, none
   * secret, see {@link ValueCapture#keepsNumbersUnder}) into a section that holds nothing yet,
   * as one batch of unboxed numbers, spending {@code cost} once: what capturing each number
   * would spend. False, recording nothing, if the section holds something or the budget has no
   * room: the caller records them the usual way.
   */
  final boolean recordNumbers(int section, String[] names, long[] numbers, long cost) {
    CaptureBudget budget = budget();
    if (budget.remaining() < cost + 8) {
      return false;
    }
    synchronized (lock()) {
      if (sealed) {
        return true;   // ended: taken as no value is
      }
      if (field(section) != null || batched(section)) {
        return false;
      }
      budget.spend(cost);
      batches = new Batch(section, names, null, numbers, numbers.length, batches);
      recorded(budget);
      return true;
    }
  }

  private boolean batched(int section) {
    for (Batch b = batches; b != null; b = b.next) {
      if (b.section == section) {
        return true;
      }
    }
    return false;
  }

  private static boolean distinct(String[] names, int n) {
    for (int i = 1; i < n; i++) {
      for (int j = 0; j < i; j++) {
        if (names[i].equals(names[j])) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Whether {@code names} may be recorded as a batch without checking them on each call: none
   * null, each sent as it is, no two alike. For names fixed once per traced method.
   */
  static boolean readyNames(String[] names) {
    for (String n : names) {
      if (n == null || Entries.name(n, null) != n) {
        return false;
      }
    }
    return distinct(names, names.length);
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
    Object captured = capture().capture(null, value, budget());
    synchronized (lock()) {
      takeOutputs(value, captured, explicitly);
    }
  }

  /**
   * Puts {@code captured}, the capture of {@code value}, in place as the outputs, as
   * {@link #recordOutputs} says, in their documented shape: a {@code Map} is the outputs object
   * (the capture has applied the limits and redaction to its entries, and its maps are
   * unmodifiable with string keys, never changed in place), and any other value, {@code null}
   * included, goes under {@link ai.honeyhive.Span#RESULT_KEY}. That one entry is kept as the bare
   * value, its map made when the owner is assembled, on the export worker. Holding the lock.
   */
  final void takeOutputs(Object value, Object captured, boolean explicitly) {
    if (!sealed && (explicitly || !outputsOverridden)) {
      CaptureBudget budget = budget();
      budget.refund(outputsAreResult ? Entries.resultCost(result) : Entries.outputsCost(outputs));
      if (value instanceof Map<?, ?> && captured instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) map;
        outputs = m;
        result = null;
        outputsAreResult = false;
      } else {
        outputs = null;
        result = captured;
        outputsAreResult = true;
      }
      if (explicitly) {
        outputsOverridden = true;
      }
      recorded(budget);
    }
  }

  /** The outputs as a map, or null if none were recorded. Holding the lock. */
  final Map<String, Object> outputsMap() {
    return outputsAreResult ? Collections.singletonMap(ai.honeyhive.Span.RESULT_KEY, result) : outputs;
  }

  /** Records {@code t} as the error, described by its class and message, replacing an earlier one. */
  final void recordThrown(Throwable t) {
    if (!recording()) {
      return;
    }
    CaptureBudget budget = budget();
    Object captured = capture().capture("error", describe(t), budget);
    String described = captured == null ? null : captured.toString();
    synchronized (lock()) {
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
