package ai.honeyhive.internal.propagation;

import ai.honeyhive.internal.RemoteParent;
import ai.honeyhive.transport.internal.ThrottledLogger;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Reads a caller's trace context out of untrusted headers. Everything is validated and bounded
 * (see {@link W3c}); what is refused is counted in {@link PropagationCounters#REJECTED} and said
 * in a rate-limited warning that names what was wrong, never the value; baggage keys we do not
 * read are counted in {@link PropagationCounters#IGNORED}. Only the fields of {@link RemoteParent}
 * can come out of a header, each from its own keys. Never throws. Not public API.
 */
public final class Incoming {
  private static final ThrottledLogger LOG = new ThrottledLogger(LoggerFactory.getLogger("ai.honeyhive.propagation"));

  // The keys HoneyHive's Python SDK writes (session_id, project, source, parent_id) and the
  // aliases its with_distributed_trace_context also accepts.
  static final Set<String> SESSION_KEYS = Set.of("session_id", "honeyhive_session_id", "honeyhive.session_id");
  static final Set<String> PARENT_KEYS = Set.of("parent_id");
  static final Set<String> PROJECT_KEYS = Set.of("project", "honeyhive_project", "honeyhive.project");
  static final Set<String> SOURCE_KEYS = Set.of("source", "honeyhive_source", "honeyhive.source");

  static final int MAX_PROJECT_CHARS = 256;
  static final int MAX_SOURCE_CHARS = 128;
  /** Names as people write them; no control characters, quotes, brackets or the baggage delimiters. */
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}\\p{N} _.:/@+()#&'!~*-]+");

  private Incoming() {}

  /**
   * The caller's context in these headers (each null when absent; repeated headers joined with
   * {@code ,}), or null when they carry no HoneyHive session to join.
   */
  public static RemoteParent read(String traceparent, String tracestate, String baggage) {
    try {
      return parse(traceparent, tracestate, baggage);
    } catch (RuntimeException e) {   // a bug of ours must not fail the request
      reject("headers", "could not be read (" + e.getClass().getSimpleName() + ")");
      return null;
    }
  }

  private static RemoteParent parse(String traceparent, String tracestate, String baggage) {
    W3c.Traceparent tp = null;
    if (traceparent != null) {
      tp = W3c.parseTraceparent(traceparent);
      if (tp == null) {
        reject(W3c.TRACEPARENT, "is not a valid W3C traceparent (" + lengthOf(traceparent) + ")");
      }
    }
    String state = null;
    if (tp != null && tracestate != null && !tracestate.isBlank()) {
      if (W3c.isPassableTraceState(tracestate.strip())) {
        state = tracestate.strip();
      } else {
        reject(W3c.TRACESTATE, "is longer than " + W3c.MAX_TRACESTATE_CHARS + " characters or not printable ASCII ("
            + lengthOf(tracestate) + "); it is not passed on");
      }
    }
    Fields f = baggage == null ? new Fields() : readBaggage(baggage);
    if (f.session == null || f.session == Fields.CONFLICT) {
      return null;
    }
    PropagationCounters.EXTRACTED.increment();
    return new RemoteParent(f.session, real(f.parent), tp == null ? null : tp.traceId(), state,
        tp == null || tp.sampled(), real(f.project), real(f.source));
  }

  /** The fields found in a baggage header; a field given twice with different values is a {@link #CONFLICT}. */
  private static final class Fields {
    static final String CONFLICT = new String("conflict");
    String session;
    String parent;
    String project;
    String source;
  }

  private static String real(String v) {
    return v == Fields.CONFLICT ? null : v;
  }

  private static Fields readBaggage(String header) {
    Fields f = new Fields();
    if (header.length() > W3c.MAX_BAGGAGE_CHARS) {
      reject(W3c.BAGGAGE, "is longer than " + W3c.MAX_BAGGAGE_CHARS + " characters (" + lengthOf(header) + "); ignored whole");
      return f;
    }
    int entries = 0;
    int start = 0;
    while (start <= header.length()) {
      int end = header.indexOf(',', start);
      if (end < 0) {
        end = header.length();
      }
      String entry = header.substring(start, end).strip();
      start = end + 1;
      if (entry.isEmpty()) {
        continue;
      }
      if (++entries > W3c.MAX_BAGGAGE_ENTRIES) {
        reject(W3c.BAGGAGE, "has more than " + W3c.MAX_BAGGAGE_ENTRIES + " entries; ignored whole");
        return new Fields();
      }
      readEntry(entry, f);
    }
    return f;
  }

  private static void readEntry(String entry, Fields f) {
    int eq = entry.indexOf('=');
    if (eq <= 0) {
      reject(W3c.BAGGAGE, "has an entry without key=value");
      return;
    }
    String key = entry.substring(0, eq).strip().toLowerCase(Locale.ROOT);
    boolean session = SESSION_KEYS.contains(key);
    boolean parent = PARENT_KEYS.contains(key);
    boolean project = PROJECT_KEYS.contains(key);
    boolean source = SOURCE_KEYS.contains(key);
    if (!session && !parent && !project && !source) {
      PropagationCounters.IGNORED.increment();
      return;
    }
    if (entry.length() > W3c.MAX_BAGGAGE_ENTRY_CHARS) {
      reject(key, "is longer than " + W3c.MAX_BAGGAGE_ENTRY_CHARS + " characters");
      return;
    }
    int semi = entry.indexOf(';', eq);   // properties: nothing of ours is carried there
    String raw = entry.substring(eq + 1, semi < 0 ? entry.length() : semi).strip();
    String value = W3c.decodeBaggageValue(raw);
    if (value == null) {
      reject(key, "is not a valid percent-encoded UTF-8 value");
      return;
    }
    if (session || parent) {
      if (!W3c.isUuid(value)) {
        reject(key, "is not a UUID (" + lengthOf(value) + ")");
        return;
      }
      value = value.toLowerCase(Locale.ROOT);
      if (session) {
        f.session = merge(f.session, value, key);
      } else {
        f.parent = merge(f.parent, value, key);
      }
    } else {
      int max = project ? MAX_PROJECT_CHARS : MAX_SOURCE_CHARS;
      // checked as decoded: a control character must not be trimmed away into an acceptable name
      if (value.isBlank() || value.length() > max || !NAME.matcher(value).matches()) {
        reject(key, "is empty, longer than " + max + " characters or has characters a name cannot have");
        return;
      }
      value = value.strip();
      if (project) {
        f.project = merge(f.project, value, key);
      } else {
        f.source = merge(f.source, value, key);
      }
    }
  }

  /** The same field twice: the same value is fine, different values cancel each other. */
  private static String merge(String had, String value, String key) {
    if (had == null || had.equals(value)) {
      return value;
    }
    if (had != Fields.CONFLICT) {
      reject(key, "is given twice with different values; neither is used");
    }
    return Fields.CONFLICT;
  }

  private static String lengthOf(String s) {
    return s.length() + " characters";
  }

  private static void reject(String what, String why) {
    PropagationCounters.REJECTED.increment();
    LOG.warn("propagation-rejected", "HoneyHive: an incoming " + what + " " + why
        + ". It was ignored; the request was served as usual. Counted in Propagation.stats().rejected().");
  }
}
