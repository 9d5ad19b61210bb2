package ai.honeyhive.internal.capture;

import ai.honeyhive.internal.CaptureBudget;
import ai.honeyhive.transport.internal.ThrottledLogger;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * What the setters of spans and sessions record besides the captured values: the keys and names,
 * bounded, and what an entry costs the budget it was charged to, so that a replaced value gives
 * it back. Not public API.
 *
 * <p>Keys, event and session names and the source are cut at {@link #MAX_NAME_LENGTH}
 * characters (the cut counted like any other), so no string goes on the wire unbounded. A
 * {@code null} key, which Jackson cannot write (it would fail the whole session), is recorded
 * as {@code "null"}, as a {@code null} key inside a captured map is, with a warning.
 */
public final class Entries {
  /** The most characters of a key, an event or session name, or a source that are kept. */
  public static final int MAX_NAME_LENGTH = 1_024;

  /** What {@link #put} is told a setter replaced when it gave nothing back beforehand. */
  public static final Object NOTHING = new Object();

  private static final ThrottledLogger LOG =
      new ThrottledLogger(LoggerFactory.getLogger("ai.honeyhive.Tracer"));

  private Entries() {}

  /** The key a setter records under: {@code null} as {@code "null"}, a long key cut. */
  public static String key(String key, CaptureBudget budget) {
    if (key == null) {
      LOG.warn("null-key", "A null key was passed to a HoneyHive Span or Session setter; the value is"
          + " recorded under the key \"null\"");
      return "null";
    }
    return name(key, budget);
  }

  /**
   * {@code name} as it may go on the wire: at most {@link #MAX_NAME_LENGTH} characters (then
   * followed by the usual truncation marker, and counted in {@code budget} if there is one),
   * without lone surrogates. Null stays null.
   */
  public static String name(String name, CaptureBudget budget) {
    if (name == null) {
      return null;
    }
    if (name.length() <= MAX_NAME_LENGTH) {
      return Text.wellFormed(name);
    }
    if (budget != null) {
      budget.truncated(1);
    }
    return Text.wellFormed(name.substring(0, Text.cutPoint(name, MAX_NAME_LENGTH)))
        + Markers.truncatedString(name.length());
  }

  /**
   * What a value captured under {@code key} was charged at least: the key as the capture charges
   * it, and the value estimated as the capture estimates it, never more (what is not known to
   * have been charged, such as a key of a truncation marker, counts as nothing).
   */
  public static long cost(String key, Object captured) {
    return (key == null ? 0 : key.length() + 4L) + valueCost(captured, true);
  }

  /** What recorded outputs were charged at least (the capture charged no key at their top). */
  public static long outputsCost(Map<String, Object> outputs) {
    long c = 0;
    if (outputs != null) {
      for (Object v : outputs.values()) {
        c += valueCost(v, false);
      }
    }
    return c;
  }

  /** {@link #outputsCost} of the outputs {@code {"result": v}}. */
  public static long resultCost(Object v) {
    return valueCost(v, false);
  }

  private static long valueCost(Object v, boolean top) {
    if (v == null) {
      return top ? 4 : 0;
    }
    if (v instanceof String s) {
      return s.length() + 2L;
    }
    if (v instanceof BigInteger b) {
      return b.bitLength() / 3 + 2;
    }
    if (v instanceof BigDecimal d) {
      return d.unscaledValue().bitLength() / 3 + 2;
    }
    if (v instanceof Number || v instanceof Boolean) {
      return 8;
    }
    long c = 2;
    if (v instanceof Map<?, ?> m) {
      for (Object x : m.values()) {
        c += valueCost(x, false);
      }
    } else if (v instanceof Collection<?> list) {
      for (Object x : list) {
        c += valueCost(x, false);
      }
    } else {
      return 0;
    }
    return c;
  }

  /**
   * Puts {@code captured} under {@code key}, making the map if there is none, and gives back what
   * the value it replaces took. {@code replaced} is what the setter already gave back before
   * capturing (see {@link CaptureBudget#hasRoomFor}), or {@link #NOTHING}: if another setter
   * replaced that value meanwhile, that one gave it back too, so it is charged again.
   * Call with the lock of the map's owner held.
   */
  public static Map<String, Object> put(Map<String, Object> map, String key, Object captured,
      Object replaced, CaptureBudget budget) {
    // sized for a few entries: most traced methods take up to three arguments
    Map<String, Object> m = map != null ? map : new LinkedHashMap<>(4);
    int size = m.size();
    Object previous = m.put(key, captured);
    boolean had = m.size() == size;   // one hash lookup, and a null value counts as there
    boolean givenBack = replaced != NOTHING && had && previous == replaced;
    if (had && !givenBack) {
      budget.refund(cost(key, previous));
    }
    if (replaced != NOTHING && !givenBack) {
      budget.spend(cost(key, replaced));
    }
    return m;
  }
}
