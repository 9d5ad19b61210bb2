package ai.honeyhive.internal.capture;

import ai.honeyhive.TracerSettings;
import ai.honeyhive.ValueMasker;
import ai.honeyhive.internal.CaptureBudget;
import ai.honeyhive.internal.ValueCapture;
import ai.honeyhive.transport.internal.ThrottledLogger;
import ai.honeyhive.transport.model.Event;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * The capture the tracer uses: walks each value itself, within the configured limits, masking
 * secret-looking names, and hands every leaf to the user's masker; see {@link GraphWalk} for the
 * walk and {@link TypeRules} for what each type becomes. Never throws. Not public API.
 */
public final class SafeValueCapture implements ValueCapture {
  private static final ThrottledLogger LOG =
      new ThrottledLogger(LoggerFactory.getLogger("ai.honeyhive.Tracer"));

  private static final String CAPTURE_FAILED = "[capture failed]";

  final int maxStringLength;
  final int maxCollectionSize;
  final int maxDepth;
  final int maxEventBytes;
  final SecretNames secrets;
  final TypeRules rules;
  final ValueMasker masker;
  /** Whether strings are scanned for secrets of known shapes: see {@link SecretValues}. */
  final boolean scanValues;
  private final AtomicLong failures = new AtomicLong();

  /**
   * @param serializers user serializers by type, in registration order; the exact type wins,
   *     else the first registered supertype
   * @param masker the user's masking function, or null
   */
  public SafeValueCapture(TracerSettings config,
      List<Map.Entry<Class<?>, Function<Object, ?>>> serializers, ValueMasker masker) {
    this.maxStringLength = config.maxStringLength();
    this.maxCollectionSize = config.maxCollectionSize();
    this.maxDepth = config.maxDepth();
    this.maxEventBytes = config.maxEventBytes();
    this.secrets = new SecretNames(config.redactKeys());
    this.rules = new TypeRules(serializers, secrets);
    this.masker = masker;
    this.scanValues = config.scanSecretValues();
  }

  /** Limits from {@code config}, no serializers, no masker. */
  public SafeValueCapture(TracerSettings config) {
    this(config, List.of(), null);
  }

  @Override
  public CaptureBudget newBudget() {
    return new CaptureBudget(maxEventBytes);
  }

  /**
   * Without a masking function (which must see the scanned text), an event's strings are kept as
   * they are and scanned for secret-looking values in {@link #limit}, on the export worker.
   */
  @Override
  public CaptureBudget newEventBudget() {
    return new CaptureBudget(maxEventBytes, scanValues && masker == null);
  }

  @Override
  public Object capture(String name, Object value, CaptureBudget budget) {
    long key = name == null ? 0 : name.length() + 4L; // the key it is recorded under
    if (value == null) {
      budget.spend(key + 4);
      return null;
    }
    try {
      boolean secretName = name != null && secrets.isSecret(name);
      if (masker == null && !secretName) {
        // the common cases, without a walk: immutable values already what JSON needs
        if (isPlainValue(value)) {
          // what the walk charges a number or boolean, so that replacing it gives back as much
          budget.spend(key + 8);
          return value;
        }
        // a string that fits: what the walk would keep (same length, lone surrogates replaced)
        // and spend, without building one
        if (value instanceof String s && value != REDACTED && s.length() <= maxStringLength
            && budget.spendIfWhole(key, s.length())) {
          return isKnownClean(s) ? s : scanned(Text.wellFormed(s), budget, this, true);
        }
      }
      GraphWalk walk = new GraphWalk(this, budget, budget.remaining() - key);
      Object captured = walk.capture(name, value, secretName);
      budget.record(key + walk.spent(), walk.truncations());
      walk.noteForLaterScan();
      return captured;
    } catch (Throwable t) {
      failures.incrementAndGet();
      LOG.warn("capture", "HoneyHive could not capture a value; it was recorded as a marker", t);
      budget.spend(key + CAPTURE_FAILED.length() + 2);
      return CAPTURE_FAILED;
    }
  }

  /**
   * {@code s} with its secrets masked, spending what masking added (a mask may be longer than a
   * short password, when {@code spendGrowth}: a walk counts what it keeps itself); or {@code s} itself, noted for {@link #limit} to scan, when the budget allows.
   */
  static String scanned(String s, CaptureBudget budget, SafeValueCapture settings, boolean spendGrowth) {
    if (!settings.scanValues) {
      return s;
    }
    if (s.length() >= SCAN_LATER_FROM && budget != null && budget.scansLater()) {
      budget.scanLater(s);
      return s;
    }
    if (settings.isKnownClean(s)) {
      return s;
    }
    String masked = SecretValues.mask(s);
    if (masked == s) {
      settings.rememberClean(s); // well-formed: every caller passes what Text.wellFormed returned
      return s;
    }
    if (spendGrowth && masked.length() > s.length()) {
      budget.spend(masked.length() - s.length());
    }
    return masked;
  }

  /**
   * Strings at least this long leave their scan to the export worker when the budget allows. A
   * shorter one is scanned in one pass over its characters, cheaper than noting it.
   */
  static final int SCAN_LATER_FROM = 128;

  /**
   * Short strings recently found to need no change (well-formed, nothing to mask), checked by
   * identity (see {@link RecentStrings}). The slot comes from the length and two characters, not
   * the hash, so that a string made anew on each call costs no pass over its characters here.
   */
  private final RecentStrings clean = new RecentStrings(CLEAN);
  private static final int CLEAN = 256;
  private static final int CLEAN_LENGTH = 64;

  private static int cleanSlot(String s) {
    int n = s.length();
    return n == 0 ? 0 : (n * 31 + s.charAt(0) * 7 + s.charAt(n - 1)) & (CLEAN - 1);
  }

  /** Whether {@code s} (or an equal string) was found clean before: nothing to do. */
  boolean isKnownClean(String s) {
    // the verdict depends on the text alone: an equal string made anew is clean too
    return clean.holds(s, cleanSlot(s));
  }

  /** Whether the key {@code k} is recorded as it is: well-formed, with nothing to mask. */
  boolean isCleanKey(String k) {
    if (isKnownClean(k)) {
      return true;
    }
    if (Text.wellFormed(k) != k || (scanValues && SecretValues.mask(k) != k)) {
      return false;
    }
    rememberClean(k);
    return true;
  }

  /** Remembers that the short, well-formed string {@code s} has nothing to mask. */
  private void rememberClean(String s) {
    if (s.length() <= CLEAN_LENGTH) {
      clean.remember(s, cleanSlot(s));
    }
  }

  /** The names {@link #keepsNumbersUnder} last said yes to (a race only asks again). */
  private volatile String[] numbersKeptUnder;

  @Override
  public boolean keepsNumbersUnder(String[] names) {
    if (names == numbersKeptUnder) {
      return true;
    }
    if (masker != null) {
      return false;
    }
    for (String n : names) {
      if (n == null || Entries.key(n, null) != n || secrets.isSecret(n)) {
        return false;
      }
    }
    numbersKeptUnder = names;
    return true;
  }

  private static boolean isPlainValue(Object v) {
    Class<?> c = v.getClass();
    return c == Integer.class || c == Long.class || c == Boolean.class || c == Short.class
        || c == Byte.class;
  }

  @Override
  public Event limit(Event event, CaptureBudget budget) {
    String[] toScan = budget.toScan();
    long grown = 0;
    if (toScan != null) {
      // first: the size limit measures the masked text, and nothing may leave unscanned
      try {
        LaterScan scan = new LaterScan(toScan);
        event = scan.apply(event);
        grown = scan.grown();
      } catch (Throwable t) {
        failures.incrementAndGet();
        LOG.warn("scan", "HoneyHive could not scan an event for secrets; its values were dropped", t);
        return EventSizeLimit.withoutValues(event);
      }
    }
    try {
      if (EventSizeLimit.surelyFits(event, budget.spent() + grown, maxEventBytes)) {
        return EventSizeLimit.withCount(event, budget.truncations());
      }
      return EventSizeLimit.apply(event, budget.truncations(), maxEventBytes);
    } catch (Throwable t) {
      failures.incrementAndGet();
      LOG.warn("limit", "HoneyHive could not apply the event size limit", t);
      return event;
    }
  }

  /** How often capturing failed in the library's own code (not in user getters or serializers). */
  public long failures() {
    return failures.get();
  }

  void maskerFailed(Throwable t) {
    LOG.warn("masker", "The HoneyHive masking function threw; the value was recorded as "
        + Markers.MASKING_FAILED, t);
  }
}
