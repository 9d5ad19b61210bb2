package ai.honeyhive.test.internal;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares a value the test expects with one that was captured. Numbers compare by value (a
 * captured {@code int} may come back as a {@code Long} or, read from JSON, an {@code Integer});
 * maps and lists compare element by element.
 */
public final class Values {
  private Values() {}

  public static boolean same(Object expected, Object actual) {
    if (expected instanceof Number a && actual instanceof Number b) {
      try {
        return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
      } catch (NumberFormatException e) {   // NaN, infinity
        return a.doubleValue() == b.doubleValue();
      }
    }
    if (expected instanceof Map<?, ?> a && actual instanceof Map<?, ?> b) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : a.entrySet()) {
        if (!b.containsKey(e.getKey()) || !same(e.getValue(), b.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (expected instanceof List<?> a && actual instanceof List<?> b) {
      if (a.size() != b.size()) {
        return false;
      }
      Iterator<?> i = a.iterator();
      Iterator<?> j = b.iterator();
      while (i.hasNext()) {
        if (!same(i.next(), j.next())) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(expected, actual);
  }

  /** A value as the failure message shows it: strings quoted, so "3" and 3 differ visibly. */
  public static String show(Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }
}
