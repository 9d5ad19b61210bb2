package ai.honeyhive.internal.capture;

import ai.honeyhive.internal.CaptureBudget;
import ai.honeyhive.internal.ValueCapture;
import ai.honeyhive.transport.internal.JsonMappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * One capture: walks a value's object graph depth first and builds its snapshot, stopping at the
 * limits instead of reading what would be thrown away. It keeps the objects on the current path
 * to cut cycles, an estimate of the JSON bytes built so far, and a count of what was cut.
 *
 * <p>User code (getters, iterators, {@code toString()}, serializers, the masker) may throw
 * anything; each failure is recorded in place of the value that failed and the walk goes on.
 * Not public API.
 */
final class GraphWalk {
  /** Numbers with more bits than this (about 900 digits) are not written: parsers reject them. */
  private static final int MAX_NUMBER_BITS = 3_000;

  private final SafeValueCapture settings;
  private final long allowance;
  private final CaptureBudget budget;
  private long spent;
  private int truncations;
  /**
   * The containers from the root to the current value: the root in {@link #root}, the rest in
   * {@link #path} from index 1, allocated on the first nested container (most values are one
   * container of leaves, or a leaf).
   */
  private Object root;
  private Object[] path;
  private int pathSize;
  /**
   * Long strings kept as they are, whose secret scan is left to the export worker: the first,
   * then the others (see {@link #noteForLaterScan}).
   */
  private String firstNote;
  private String[] notes;
  private int noteCount;

  /** A walk that scans every string it keeps itself. */
  GraphWalk(SafeValueCapture settings, long allowance) {
    this(settings, null, allowance);
  }

  /** @param budget where strings whose scan is left to the export worker are noted, or null */
  GraphWalk(SafeValueCapture settings, CaptureBudget budget, long allowance) {
    this.settings = settings;
    this.budget = budget;
    this.allowance = allowance;
  }

  long spent() {
    return spent;
  }

  /** Hands the strings noted during the walk to the budget, in one step. */
  void noteForLaterScan() {
    if (notes != null) {
      budget.scanLater(notes); // the first is in it too; unused slots are null
    } else if (firstNote != null) {
      budget.scanLater(firstNote);
    }
  }

  /**
   * {@code s} (well-formed) with its secrets masked, or itself noted for the export worker's scan
   * when the budget allows: {@link SafeValueCapture#scanned} noting into this walk.
   */
  private String scannedOrNoted(String s) {
    if (settings.scanValues && s.length() >= SafeValueCapture.SCAN_LATER_FROM && budget != null
        && budget.scansLater()) {
      if (firstNote == null) {
        firstNote = s;
      } else {
        if (notes == null) {
          notes = new String[2];
          notes[0] = firstNote;
          noteCount = 1;
        } else if (noteCount == notes.length) {
          notes = Arrays.copyOf(notes, noteCount * 2);
        }
        notes[noteCount++] = s;
      }
      return s;
    }
    return SafeValueCapture.scanned(s, null, settings, false);
  }

  int truncations() {
    return truncations;
  }

  /** The snapshot of a value recorded under {@code name}. */
  Object capture(String name, Object value) {
    return capture(name, value, name != null && settings.secrets.isSecret(name));
  }

  /** The snapshot of a value recorded under {@code name}, whose verdict the caller looked up. */
  Object capture(String name, Object value, boolean secretName) {
    return secretName ? redacted() : walk(name, value, 0);
  }

  private Object walk(String key, Object v, int depth) {
    if (v == null) {
      spent += 4;
      return null;
    }
    if (v == ValueCapture.REDACTED) {
      return redacted();
    }
    return walk(key, v, settings.rules.ruleFor(v.getClass()), depth);
  }

  private Object walk(String key, Object v, TypeRule r, int depth) {
    try {
      switch (r.kind) {
        case STRING: return string(key, (String) v);
        case BOOLEAN: return scalar(key, v);
        case NUMBER: return scalar(key, v);
        case FLOATING: return floating(key, ((Number) v).doubleValue(), v);
        case BIG_INTEGER: return big(key, v, ((BigInteger) v).bitLength());
        case BIG_DECIMAL: return big(key, v, ((BigDecimal) v).unscaledValue().bitLength());
        case MUTABLE_NUMBER: return mutableNumber(key, (Number) v);
        case CHARACTER: return string(key, v.toString());
        case CHAR_SEQUENCE: return charSequence(key, (CharSequence) v);
        case ENUM: return string(key, r.enumNames[((Enum<?>) v).ordinal()]);
        case TO_STRING: return string(key, v.toString());
        case OBJECT_TO_STRING: return objectToString(key, v, depth);
        case DATE: return string(key, java.time.Instant.ofEpochMilli(((Date) v).getTime()).toString());
        case CALENDAR: return string(key, ((Calendar) v).toInstant().toString());
        case TIME_ZONE: return string(key, ((TimeZone) v).getID());
        case OPTIONAL: return walk(key, ((Optional<?>) v).orElse(null), depth);
        case OPTIONAL_INT: {
          OptionalInt o = (OptionalInt) v;
          return o.isPresent() ? scalar(key, o.getAsInt()) : walk(key, null, depth);
        }
        case OPTIONAL_LONG: {
          OptionalLong o = (OptionalLong) v;
          return o.isPresent() ? scalar(key, o.getAsLong()) : walk(key, null, depth);
        }
        case OPTIONAL_DOUBLE: {
          OptionalDouble o = (OptionalDouble) v;
          return o.isPresent() ? floating(key, o.getAsDouble(), o.getAsDouble()) : walk(key, null, depth);
        }
        case ATOMIC_REFERENCE: return wrapped(key, v, ((AtomicReference<?>) v).get(), depth);
        case ATOMIC_BOOLEAN: return scalar(key, ((AtomicBoolean) v).get());
        case BYTES: return marker("[byte[]: " + ((byte[]) v).length + " bytes]");
        case CHARS: return marker("[char[]: " + ((char[]) v).length + " chars]");
        case COLLECTION:
          return r.immutable && keptAsIs(v, r, depth) ? v : list(key, v, r, depth);
        case PRIMITIVE_ARRAY:
        case OBJECT_ARRAY:
        case ITERABLE:
          return list(key, v, r, depth);
        case MAP: return r.immutable && keptAsIs(v, r, depth) ? v : map(key, (Map<?, ?>) v, r, depth);
        case MAP_ENTRY: return entry(key, (Map.Entry<?, ?>) v, depth);
        case JSON_NODE: return json(key, (JsonNode) v, depth);
        case FOREIGN_JSON_NODE: return foreignJson(key, v, depth);
        case THROWABLE: return throwable((Throwable) v);
        case BUFFER: {
          java.nio.Buffer b = (java.nio.Buffer) v;
          return marker("[" + v.getClass().getSimpleName() + ": " + b.remaining() + " remaining]");
        }
        case THREAD: return marker("[Thread: " + Text.wellFormed(limited(((Thread) v).getName(), 200)) + "]");
        case CLASS: return marker("[Class: " + Markers.name((Class<?>) v) + "]");
        case PLACEHOLDER: return marker(r.text);
        case CUSTOM: return custom(key, v, r, depth);
        case BEAN: return bean(v, r, depth);
        case JACKSON: return jackson(key, v, depth);
        default: return marker(Markers.opaque(v.getClass()));
      }
    } catch (Throwable e) {
      rethrowIfFatal(e);
      return marker(Markers.failed(e));
    }
  }

  /**
   * User code may throw anything, {@code Error}s included, and each is recorded in place of the
   * value. Only the JVM running out of memory or breaking aborts the capture (the caller then
   * records a marker for the whole value); a stack overflow is just a getter that recurses.
   */
  private static void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError fatal && !(t instanceof StackOverflowError)) {
      throw fatal;
    }
  }

  // ---- leaves

  private Object string(String key, String s) {
    int len = s.length();
    int limit = settings.maxStringLength;
    long room = allowance - spent;
    if (room < limit) {
      limit = (int) Math.max(0, room);
    }
    if (len <= limit) {
      if (settings.masker == null) {
        if (settings.isKnownClean(s)) {
          return settle(s);
        }
        // kept whole: scanned now, or noted for the export worker when the budget allows
        return settle(scannedOrNoted(Text.wellFormed(s)));
      }
      return settle(mask(key, scanned(Text.wellFormed(s))));
    }
    return cut(mask(key, kept(s, limit)), len);
  }

  /** A string from a {@link CharSequence}, copying only what is kept. */
  private Object charSequence(String key, CharSequence cs) {
    int len = cs.length();
    int limit = (int) Math.max(0, Math.min(settings.maxStringLength, allowance - spent));
    if (len <= limit) {
      return string(key, cs.toString());
    }
    return cut(mask(key, kept(cs, limit)), len);
  }

  /** {@code s} with the secrets of known shapes masked, when scanning is on. */
  private String scanned(String s) {
    return settings.scanValues ? SecretValues.mask(s) : s;
  }

  /**
   * The first {@code limit} characters of a longer text, scanned with a little more than is kept
   * so that a secret the cut runs through is still recognised, and masked whole.
   */
  private String kept(CharSequence s, int limit) {
    int end = Text.cutPoint(s, limit);
    if (!settings.scanValues) {
      return Text.wellFormed(s.subSequence(0, end).toString());
    }
    int window = (int) Math.min(s.length(), (long) end + SecretValues.LOOKAHEAD);
    String masked = SecretValues.mask(s.subSequence(0, window).toString());
    if (masked.length() > end) {
      masked = masked.substring(0, Text.cutPoint(masked, end));
    }
    return Text.wellFormed(masked);
  }

  private Object cut(Object masked, int totalChars) {
    truncations++;
    String text = masked instanceof String s ? s : String.valueOf(masked);
    String out = text + Markers.truncatedString(totalChars);
    spent += out.length() + 2;
    return out;
  }

  private Object settle(Object masked) {
    spent += masked instanceof String s ? s.length() + 2 : 8;
    return masked;
  }

  private Object scalar(String key, Object v) {
    spent += 8;
    return mask(key, v);
  }

  /** JSON has no NaN or infinities; they are written as the strings Java prints. */
  private Object floating(String key, double d, Object boxed) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return string(key, Double.toString(d));
    }
    return scalar(key, boxed);
  }

  private Object big(String key, Object v, int bits) {
    if (bits > MAX_NUMBER_BITS) {
      truncations++;
      return marker("[" + v.getClass().getSimpleName() + ": " + bits + " bits]");
    }
    spent += bits / 3 + 2;
    return mask(key, v);
  }

  private Object mutableNumber(String key, Number n) {
    if (n instanceof AtomicInteger || n instanceof AtomicLong || n instanceof LongAdder
        || n instanceof LongAccumulator) {
      return scalar(key, n.longValue());
    }
    double d = n.doubleValue();
    return floating(key, d, d);
  }

  private Object objectToString(String key, Object v, int depth) {
    String cut = enter(v, depth);
    if (cut != null) {
      return cut;
    }
    try {
      String s = v.toString();
      return s == null ? walk(key, null, depth) : string(key, s);
    } finally {
      leave();
    }
  }

  private Object throwable(Throwable t) {
    Map<String, Object> out = new LinkedHashMap<>(4);
    out.put("type", string(null, t.getClass().getName()));
    String message;
    try {
      message = t.getMessage();
    } catch (Throwable e) {
      rethrowIfFatal(e);
      message = null;
    }
    out.put("message", message == null ? null : string("message", message));
    spent += 20;
    return Collections.unmodifiableMap(out);
  }

  private String marker(String text) {
    spent += text.length() + 2;
    return text;
  }

  private String redacted() {
    spent += ValueCapture.REDACTED.length() + 2;
    return ValueCapture.REDACTED;
  }

  /** The masker's view of a leaf; a failing masker records a marker, never the value. */
  private Object mask(String key, Object value) {
    ai.honeyhive.ValueMasker masker = settings.masker;
    if (masker == null) {
      return value;
    }
    Object masked;
    try {
      masked = masker.mask(key, value);
    } catch (Throwable t) {
      rethrowIfFatal(t);
      settings.maskerFailed(t);
      return Markers.MASKING_FAILED;
    }
    if (masked == null || masked instanceof Boolean || masked instanceof Integer || masked instanceof Long
        || masked instanceof Short || masked instanceof Byte) {
      return masked;
    }
    if (masked instanceof Double || masked instanceof Float) {
      double d = ((Number) masked).doubleValue();
      return Double.isNaN(d) || Double.isInfinite(d) ? Double.toString(d) : masked;
    }
    String s;
    try {
      s = masked instanceof String str ? str : String.valueOf(masked);
    } catch (Throwable e) {
      rethrowIfFatal(e);
      return Markers.MASKING_FAILED;
    }
    if (s.length() > settings.maxStringLength) {
      truncations++;
      s = s.substring(0, Text.cutPoint(s, settings.maxStringLength)) + Markers.truncatedString(s.length());
    }
    return Text.wellFormed(s);
  }

  private static String limited(String s, int max) {
    return s.length() <= max ? s : s.substring(0, Text.cutPoint(s, max));
  }

  // ---- immutable containers kept as they are

  /**
   * Whether the immutable container {@code v} may be recorded as it is: when everything in it is
   * something the walk keeps by reference (strings recorded whole, numbers, booleans, nulls,
   * other such containers), nothing is cut, redacted or masked, so the copy the walk would make
   * equals {@code v} entry for entry, in the same order, and {@code v} can never change. Spends
   * what the walk would have spent when it says yes, and nothing when it says no (then the walk
   * copies {@code v} as usual). Allocates nothing; at worst a string noted for its later scan is
   * noted again by the walk, which the scan does not mind.
   */
  private boolean keptAsIs(Object v, TypeRule r, int depth) {
    if (settings.masker != null) {
      return false; // the masker sees every leaf and key, and may change any of them
    }
    long before = spent;
    boolean kept;
    try {
      kept = r.kind == TypeRule.Kind.MAP ? keepsMap((Map<?, ?>) v, depth) : keepsList((List<?>) v, depth);
    } catch (RuntimeException e) {
      kept = false;
    }
    if (!kept) {
      spent = before;
    }
    return kept;
  }

  /** As {@link #list} would record it: every element kept, nothing cut. */
  private boolean keepsList(List<?> l, int depth) {
    if (depth >= settings.maxDepth || spent >= allowance) {
      return false;
    }
    spent += 2;
    int size = l.size(); // the JDK's immutable lists are arrays: get(i) is what iterating does
    for (int n = 0; n < size; n++) {
      if (full(n) || !keepsValue(l.get(n), depth + 1)) {
        return false;
      }
      spent++;
    }
    return true;
  }

  /** As {@link #map} and {@link #put} would record it: string keys as they are, none secret. */
  private boolean keepsMap(Map<?, ?> m, int depth) {
    if (depth >= settings.maxDepth || spent >= allowance) {
      return false;
    }
    spent += 2;
    int n = 0;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (full(n) || !(e.getKey() instanceof String k) || !keyKept(k)
          || settings.secrets.isSecret(k) || !keepsValue(e.getValue(), depth + 1)) {
        return false;
      }
      spent += k.length() + 4;
      n++;
    }
    return true;
  }

  /** Whether {@link #keyString} returns {@code k} itself. */
  private boolean keyKept(String k) {
    return k.length() <= settings.maxStringLength && settings.isCleanKey(k);
  }

  /** As {@link #walk(String, Object, int)} would record it: {@code v} itself. */
  private boolean keepsValue(Object v, int depth) {
    if (v == null) {
      spent += 4;
      return true;
    }
    if (v == ValueCapture.REDACTED) {
      return false;
    }
    TypeRule r = settings.rules.ruleFor(v.getClass());
    switch (r.kind) {
      case STRING:
        return keepsString((String) v);
      case BOOLEAN:
      case NUMBER:
        spent += 8;
        return true;
      case FLOATING: {
        double d = ((Number) v).doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          return false;
        }
        spent += 8;
        return true;
      }
      case COLLECTION:
        return r.immutable && keepsList((List<?>) v, depth);
      case MAP:
        return r.immutable && keepsMap((Map<?, ?>) v, depth);
      default:
        return false;
    }
  }

  /** As {@link #string} would record it: whole, well-formed, with nothing to mask. */
  private boolean keepsString(String s) {
    int len = s.length();
    long room = allowance - spent;
    if (len > settings.maxStringLength || len > room) {
      return false;
    }
    if (!settings.isKnownClean(s) && (Text.wellFormed(s) != s || scannedOrNoted(s) != s)) {
      return false;
    }
    spent += len + 2;
    return true;
  }

  // ---- containers

  /**
   * Starts a nested value: a marker if it is too deep, on the current path already (a cycle) or
   * over the budget, else null after pushing it on the path. Every non-null return pairs with no
   * {@link #leave()}; every null return with exactly one.
   */
  private String enter(Object v, int depth) {
    if (depth >= settings.maxDepth) {
      truncations++;
      return marker(Markers.maxDepth(v.getClass()));
    }
    if (pathSize > 0 && root == v) {
      return marker(Markers.cycle(v.getClass()));
    }
    for (int i = 1; i < pathSize; i++) {
      if (path[i] == v) {
        return marker(Markers.cycle(v.getClass()));
      }
    }
    if (spent >= allowance) {
      truncations++;
      return marker(Markers.OVER_BUDGET);
    }
    if (pathSize == 0) {
      root = v;
    } else if (path == null) {
      path = new Object[8];
    } else if (pathSize == path.length) {
      path = java.util.Arrays.copyOf(path, pathSize * 2);
    }
    if (pathSize > 0) {
      path[pathSize] = v;
    }
    pathSize++;
    return null;
  }

  private void leave() {
    if (--pathSize == 0) {
      root = null;
    } else {
      path[pathSize] = null;
    }
  }

  private boolean full(int count) {
    return count >= settings.maxCollectionSize || spent >= allowance;
  }

  private Object wrapped(String key, Object wrapper, Object content, int depth) {
    String cut = enter(wrapper, depth);
    if (cut != null) {
      return cut;
    }
    try {
      return walk(key, content, depth + 1);
    } finally {
      leave();
    }
  }

  private Object list(String key, Object v, TypeRule r, int depth) {
    String cut = enter(v, depth);
    if (cut != null) {
      return cut;
    }
    try {
      long total = knownSize(v, r);
      ListBuilder out = new ListBuilder(
          (int) Math.min(settings.maxCollectionSize, total >= 0 ? total : 8));
      spent += 2;
      int n = 0;
      boolean more = false;
      try {
        if (v instanceof Object[] a) {
          for (; n < a.length; n++) {
            if (full(n)) {
              more = true;
              break;
            }
            out.add(walk(key, a[n], depth + 1));
            spent++;
          }
        } else if (v.getClass().isArray()) {
          int length = java.lang.reflect.Array.getLength(v);
          for (; n < length; n++) {
            if (full(n)) {
              more = true;
              break;
            }
            out.add(walk(key, java.lang.reflect.Array.get(v, n), depth + 1));
            spent++;
          }
        } else {
          Iterator<?> it = ((Iterable<?>) v).iterator();
          while (it.hasNext()) {
            if (full(n)) {
              more = true;
              break;
            }
            out.add(walk(key, it.next(), depth + 1));
            spent++;
            n++;
          }
        }
      } catch (Throwable e) {
        rethrowIfFatal(e);
        out.add(marker(Markers.failed(e))); // e.g. modified concurrently: keep what was read
      }
      if (more) {
        truncations++;
        out.add(marker(Markers.moreElements(total >= 0 ? total - n : -1)));
      }
      return out.build();
    } finally {
      leave();
    }
  }

  /** The elements of a captured list, in an array sized for them. */
  private static final class ListBuilder {
    private Object[] elements;
    private int size;

    ListBuilder(int capacity) {
      elements = new Object[Math.max(0, capacity)];
    }

    void add(Object e) {
      if (size == elements.length) {
        elements = Arrays.copyOf(elements, Math.max(4, size * 2));
      }
      elements[size++] = e;
    }

    List<Object> build() {
      return new CapturedList(elements, size);
    }
  }

  private static long knownSize(Object v, TypeRule r) {
    if (v.getClass().isArray()) {
      return java.lang.reflect.Array.getLength(v);
    }
    if (v instanceof Collection<?> c && r.cheapSize) {
      try {
        return c.size();
      } catch (Throwable e) {
        rethrowIfFatal(e);
        return -1;
      }
    }
    return -1;
  }

  private Object map(String key, Map<?, ?> m, TypeRule r, int depth) {
    String cut = enter(m, depth);
    if (cut != null) {
      return cut;
    }
    try {
      long total = -1;
      if (r.cheapSize) {
        try {
          total = m.size();
        } catch (Throwable e) {
          rethrowIfFatal(e);
          total = -1;
        }
      }
      MapBuilder out = new MapBuilder((int) Math.min(settings.maxCollectionSize, total >= 0 ? total : 8));
      // keys that are Strings recorded as they are cannot repeat in a map that compares keys by
      // equals: those entries are appended without looking for an earlier one
      boolean distinct = settings.masker == null && r.distinctKeys
          && !(m instanceof java.util.SortedMap<?, ?> sorted && sorted.comparator() != null);
      spent += 2;
      int n = 0;
      boolean more = false;
      try {
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (full(n)) {
            more = true;
            break;
          }
          Object rawKey = e.getKey();
          String k = keyString(rawKey);
          Object captured = settings.secrets.isSecret(k) ? redacted() : walk(k, e.getValue(), depth + 1);
          String shown = k;
          if (settings.masker != null) {
            Object masked = mask(null, k);
            shown = masked == null ? "null" : masked.toString();
          }
          spent += shown.length() + 4;
          if (distinct && shown == rawKey) {
            out.append(shown, captured);
          } else {
            out.put(shown, captured);
          }
          n++;
        }
      } catch (Throwable e) {
        rethrowIfFatal(e);
        out.put(Markers.TRUNCATED_ENTRY_KEY, marker(Markers.failed(e)));
      }
      if (more) {
        truncations++;
        out.put(Markers.TRUNCATED_ENTRY_KEY, marker(Markers.moreElements(total >= 0 ? total - n : -1)));
      }
      return out.build();
    } finally {
      leave();
    }
  }

  /**
   * The entries of a captured map, in order, as a {@code LinkedHashMap} would keep them (a key
   * put again keeps its place and takes the new value): in two arrays sized for them while the
   * keys are known to be distinct or few enough to compare, else in a {@code LinkedHashMap}.
   */
  private static final class MapBuilder {
    /** Up to this many entries, a key that may repeat is looked for among the earlier ones. */
    private static final int COMPARED = 16;
    private String[] keys;
    private Object[] values;
    private int size;
    private LinkedHashMap<String, Object> map;
    /** Whether a key that may repeat was put: from then on every key is looked for. */
    private boolean mixed;

    MapBuilder(int capacity) {
      keys = new String[Math.max(0, capacity)];
      values = new Object[keys.length];
    }

    /**
     * Adds an entry whose key is known to differ from the keys appended before; if some key was
     * {@linkplain #put put} (it may equal this one), it is put instead.
     */
    void append(String k, Object v) {
      if (mixed) {
        put(k, v);
        return;
      }
      add(k, v);
    }

    private void add(String k, Object v) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, Math.max(4, size * 2));
        values = Arrays.copyOf(values, keys.length);
      }
      keys[size] = k;
      values[size++] = v;
    }

    /** Adds an entry, or replaces the value of the entry with an equal key. */
    void put(String k, Object v) {
      mixed = true;
      if (map == null) {
        if (size < COMPARED) {
          for (int i = 0; i < size; i++) {
            if (keys[i].equals(k)) {
              values[i] = v;
              return;
            }
          }
          add(k, v);
          return;
        }
        map = new LinkedHashMap<>(size * 2 + 2);
        for (int i = 0; i < size; i++) {
          map.put(keys[i], values[i]);
        }
        keys = null;
        values = null;
      }
      map.put(k, v);
    }

    Map<String, Object> build() {
      return map != null ? Collections.unmodifiableMap(map) : new CapturedMap(keys, values, size);
    }
  }

  private Object entry(String key, Map.Entry<?, ?> e, int depth) {
    String cut = enter(e, depth);
    if (cut != null) {
      return cut;
    }
    try {
      Map<String, Object> out = new LinkedHashMap<>(2);
      spent += 2;
      put(out, e.getKey(), e.getValue(), depth);
      return Collections.unmodifiableMap(out);
    } finally {
      leave();
    }
  }

  /** Adds one entry of a map: the key as a string, the value masked if the key looks secret. */
  private void put(Map<String, Object> out, Object rawKey, Object value, int depth) {
    String k = keyString(rawKey);
    Object captured = settings.secrets.isSecret(k) ? redacted() : walk(k, value, depth + 1);
    String shown = k;
    if (settings.masker != null) {
      Object masked = mask(null, k);
      shown = masked == null ? "null" : masked.toString();
    }
    spent += shown.length() + 4;
    out.put(shown, captured);
  }

  private String keyString(Object key) {
    String s;
    if (key == null) {
      return "null";
    } else if (key instanceof String str) {
      s = str;
    } else if (key instanceof Enum<?> e) {
      s = e.name();
    } else {
      try {
        s = String.valueOf(key); // as Jackson writes keys of types it has no key serializer for
      } catch (Throwable e) {
        rethrowIfFatal(e);
        s = Markers.failed(e);
      }
    }
    if (s.length() > settings.maxStringLength) {
      truncations++;
      return kept(s, settings.maxStringLength) + Markers.truncatedString(s.length());
    }
    return settings.isCleanKey(s) ? s : scanned(Text.wellFormed(s));
  }

  private Object bean(Object v, TypeRule r, int depth) {
    String cut = enter(v, depth);
    if (cut != null) {
      return cut;
    }
    try {
      if (r.names != null) {
        return compactBean(v, r, depth);
      }
      BeanProperty[] properties = r.properties;
      Map<String, Object> out = new LinkedHashMap<>(Math.min(properties.length, settings.maxCollectionSize) * 4 / 3 + 2);
      spent += 2;
      int n = 0;
      for (int i = 0; i < properties.length; i++) {
        if (full(n)) {
          truncations++;
          out.put(Markers.TRUNCATED_ENTRY_KEY, marker(Markers.moreElements(properties.length - i)));
          return Collections.unmodifiableMap(out);
        }
        BeanProperty p = properties[i];
        Object captured;
        if (p.redacted()) {
          captured = redacted();
        } else {
          Object raw;
          try {
            raw = p.read(v);
          } catch (Throwable e) {
            rethrowIfFatal(e);
            out.put(p.name(), marker(Markers.failed(e)));
            n++;
            continue;
          }
          if (raw == null && p.omitNull()) {
            continue;
          }
          if (p.anyGetter()) {
            n = merge(out, raw, n, depth);
            continue;
          }
          captured = walk(p.name(), raw, depth + 1);
        }
        spent += p.name().length() + 4;
        out.put(p.name(), captured);
        n++;
      }
      if (r.anyGetter != null) {
        try {
          merge(out, r.anyGetter.getValue(v), n, depth);
        } catch (Throwable e) {
          rethrowIfFatal(e);
          out.put(Markers.TRUNCATED_ENTRY_KEY, marker(Markers.failed(e)));
        }
      }
      return Collections.unmodifiableMap(out);
    } finally {
      leave();
    }
  }

  /**
   * {@link #bean} for a class whose property names are distinct and whose entries are only its
   * properties: the values in an array of the exact size, the keys shared with the rule until a
   * property is left out, in one {@link CapturedMap}. Records what the general path records.
   */
  private Object compactBean(Object v, TypeRule r, int depth) {
    BeanProperty[] properties = r.properties;
    String[] names = r.names;
    String[] keys = names; // while they are the same array, entry n is property n
    Object[] values = new Object[properties.length];
    spent += 2;
    int n = 0;
    for (int i = 0; i < properties.length; i++) {
      if (full(n)) {
        truncations++;
        keys = Arrays.copyOf(keys, properties.length + 1);
        values = Arrays.copyOf(values, properties.length + 1);
        keys[n] = Markers.TRUNCATED_ENTRY_KEY;
        values[n++] = marker(Markers.moreElements(properties.length - i));
        return new CapturedMap(keys, values, n);
      }
      BeanProperty p = properties[i];
      Object captured;
      if (p.redacted()) {
        captured = redacted();
        spent += p.name().length() + 4;
      } else {
        Object raw = null;
        Throwable failure = null;
        try {
          raw = p.read(v);
        } catch (Throwable e) {
          rethrowIfFatal(e);
          failure = e;
        }
        if (failure != null) {
          captured = marker(Markers.failed(failure)); // the key is not charged, as in bean()
        } else if (raw == null && p.omitNull()) {
          if (keys == names) {
            keys = Arrays.copyOf(names, names.length);
          }
          continue;
        } else {
          captured = walk(p.name(), raw, depth + 1);
          spent += p.name().length() + 4;
        }
      }
      if (keys != names) {
        keys[n] = p.name();
      }
      values[n++] = captured;
    }
    return new CapturedMap(keys, values, n);
  }

  /** Adds a {@code @JsonAnyGetter}'s entries to the object; returns the new entry count. */
  private int merge(Map<String, Object> out, Object extra, int n, int depth) {
    if (!(extra instanceof Map<?, ?> map)) {
      return n;
    }
    try {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (full(n)) {
          truncations++;
          out.put(Markers.TRUNCATED_ENTRY_KEY, marker(Markers.moreElements(-1)));
          break;
        }
        put(out, e.getKey(), e.getValue(), depth);
        n++;
      }
    } catch (Throwable e) {
      rethrowIfFatal(e);
      out.put(Markers.TRUNCATED_ENTRY_KEY, marker(Markers.failed(e)));
    }
    return n;
  }

  private Object custom(String key, Object v, TypeRule r, int depth) {
    String cut = enter(v, depth);
    if (cut != null) {
      return cut;
    }
    try {
      Object replacement = r.custom.apply(v);
      if (replacement == null) {
        return walk(key, null, depth + 1);
      }
      TypeRule next = settings.rules.ruleFor(replacement.getClass());
      if (next.custom == r.custom) {
        // e.g. a serializer for CharSequence returning a String: not again, or it never ends
        next = settings.rules.builtInRuleFor(replacement.getClass());
      }
      return walk(key, replacement, next, depth + 1);
    } finally {
      leave();
    }
  }

  /**
   * A tree of the application's own Jackson (under the load-time agent, ours is relocated and a
   * different class): read back from its JSON text, which {@code JsonNode.toString()} writes; kept
   * as that text if it does not parse.
   */
  private Object foreignJson(String key, Object node, int depth) {
    String text = node.toString();
    JsonNode copy;
    try {
      copy = JsonMappers.mapper().readTree(text);
    } catch (IOException | RuntimeException e) {
      return string(key, text);
    }
    return json(key, copy, depth);
  }

  private Object json(String key, JsonNode node, int depth) {
    if (node.isTextual()) {
      return string(key, node.textValue());
    }
    if (node.isNumber()) {
      return walk(key, node.numberValue(), depth);
    }
    if (node.isBoolean()) {
      return scalar(key, node.booleanValue());
    }
    if (node.isNull() || node.isMissingNode()) {
      return walk(key, null, depth);
    }
    if (node.isBinary()) {
      try {
        return marker("[binary: " + node.binaryValue().length + " bytes]");
      } catch (IOException e) {
        return marker(Markers.failed(e));
      }
    }
    if (node instanceof POJONode pojo) {
      return wrapped(key, node, pojo.getPojo(), depth);
    }
    if (node.isArray()) {
      String cut = enter(node, depth);
      if (cut != null) {
        return cut;
      }
      try {
        List<Object> out = new ArrayList<>(Math.min(node.size(), settings.maxCollectionSize) + 1);
        spent += 2;
        int n = 0;
        for (JsonNode element : node) {
          if (full(n)) {
            truncations++;
            out.add(marker(Markers.moreElements(node.size() - n)));
            break;
          }
          out.add(json(key, element, depth + 1));
          spent++;
          n++;
        }
        return Collections.unmodifiableList(out);
      } finally {
        leave();
      }
    }
    if (node.isObject()) {
      String cut = enter(node, depth);
      if (cut != null) {
        return cut;
      }
      try {
        Map<String, Object> out = new LinkedHashMap<>(Math.min(node.size(), settings.maxCollectionSize) * 4 / 3 + 2);
        spent += 2;
        int n = 0;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          if (full(n)) {
            truncations++;
            out.put(Markers.TRUNCATED_ENTRY_KEY, marker(Markers.moreElements(node.size() - n)));
            break;
          }
          put(out, e.getKey(), e.getValue(), depth);
          n++;
        }
        return Collections.unmodifiableMap(out);
      } finally {
        leave();
      }
    }
    return marker(Markers.opaque(node.getClass()));
  }

  /**
   * A type Jackson writes its own way ({@code @JsonValue}, {@code @JsonSerialize}, a module):
   * written by Jackson into a buffer that refuses more than the budget, then read back and walked
   * like any JSON tree so the limits, redaction and masking apply.
   */
  private Object jackson(String key, Object v, int depth) {
    String cut = enter(v, depth);
    if (cut != null) {
      return cut;
    }
    try {
      long room = Math.max(64, Math.min(allowance - spent, settings.maxEventBytes));
      BoundedWriter out = new BoundedWriter((int) Math.min(room, Integer.MAX_VALUE - 16));
      try {
        JsonMappers.mapper().writeValue(out, v);
      } catch (Throwable e) {
        rethrowIfFatal(e);
        if (out.overflowed) {
          truncations++;
          return marker(Markers.placeholder("too large", v.getClass()));
        }
        return marker(Markers.failed(e));
      }
      JsonNode tree;
      try {
        tree = JsonMappers.mapper().readTree(out.text.toString());
      } catch (IOException | RuntimeException e) {
        return marker(Markers.failed(e));
      }
      return json(key, tree, depth + 1);
    } finally {
      leave();
    }
  }

  /** Collects what Jackson writes, up to a bound, then refuses. */
  private static final class BoundedWriter extends Writer {
    final StringBuilder text = new StringBuilder();
    private final int max;
    boolean overflowed;

    BoundedWriter(int max) {
      this.max = max;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
      if (text.length() + len > max) {
        overflowed = true;
        throw new IOException("over the capture budget");
      }
      text.append(buf, off, len);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
      if (text.length() + len > max) {
        overflowed = true;
        throw new IOException("over the capture budget");
      }
      text.append(s, off, off + len);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
