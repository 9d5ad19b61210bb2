package ai.honeyhive.otlp.internal;

import ai.honeyhive.transport.internal.WireFormat;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import ai.honeyhive.transport.model.SessionProperties;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a batch of HoneyHive events as one OTLP {@code ExportTraceServiceRequest} (protobuf),
 * with the attribute names HoneyHive's Python and TypeScript SDKs put on their spans, so that
 * HoneyHive's OTLP ingestion reads them as it reads theirs (see docs/otlp.md for the sources):
 *
 * <ul>
 *   <li>one span per event: trace id from the session id, span id from the event id, parent span
 *       id from the parent event's id (none for a top-level event, whose parent is the session);
 *   <li>{@code honeyhive_event_type}, {@code honeyhive_event_name}, {@code honeyhive_event_id};
 *       {@code honeyhive.session_id}, {@code honeyhive.project}, {@code honeyhive.source} and their
 *       Traceloop twins {@code traceloop.association.properties.*}; {@code honeyhive.parent_id};
 *   <li>inputs, outputs, config, metadata, metrics, feedback and user properties flattened under
 *       {@code honeyhive_inputs.}, {@code honeyhive_outputs.}, ... with dotted keys (list elements
 *       by index) and typed scalar values, as the Python SDK writes them;
 *   <li>an error as status ERROR with the message, an {@code exception} span event and
 *       {@code honeyhive_error};
 *   <li>the session itself as no span of its own: its events carry
 *       {@code honeyhive.session_auto_create} (ingestion creates the session from the first span
 *       that has it) and, when this request announces the session, {@code honeyhive.session_name}.
 * </ul>
 *
 * <p>Events are grouped into one {@code ResourceSpans} per project and source. Not public API.
 */
public final class OtlpEncoding implements WireFormat {
  static final String SCOPE = "honeyhive-java";
  private static final int KIND_INTERNAL = 1;
  private static final int STATUS_ERROR = 2;

  private final String path;
  private final Map<String, String> headers;
  private final String serviceName;
  private final String version;

  /**
   * @param path appended to the exporter's URL ({@code ""} when the URL is the whole endpoint)
   * @param serviceName the resource's {@code service.name}, or null for the events' project
   * @param version this library's version, or null when unknown
   */
  public OtlpEncoding(String path, Map<String, String> headers, String serviceName, String version) {
    this.path = Objects.requireNonNull(path, "path");
    this.headers = Map.copyOf(headers);
    this.serviceName = serviceName;
    this.version = version;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public String contentType() {
    return "application/x-protobuf";
  }

  @Override
  public Map<String, String> headers() {
    return headers;
  }

  /** The answer's {@code partial_success}: spans the receiver rejected, or its warning. */
  @Override
  public PartialSuccess partialSuccess(byte[] responseBody) {
    return ExportAnswer.partialSuccess(responseBody);
  }

  @Override
  public byte[] encode(BatchRequest request) {
    Map<String, String> sessionNames = new HashMap<>();
    SessionProperties props = request.sessionProperties();
    if (props != null && props.sessionId() != null && props.sessionName() != null) {
      sessionNames.put(props.sessionId(), props.sessionName());
    }
    Map<List<String>, List<Event>> byResource = new LinkedHashMap<>();
    for (Event e : request.events()) {
      if (e.eventType() == EventType.SESSION) {
        // the multi-session form's announcement: its name goes on the session's spans
        if (e.sessionId() != null && e.eventName() != null) {
          sessionNames.put(e.sessionId(), e.eventName());
        }
        continue;
      }
      byResource.computeIfAbsent(Arrays.asList(e.project(), e.source()), k -> new ArrayList<>())
          .add(e);
    }
    ProtoWriter w = new ProtoWriter(request.events().size() * 512);
    for (Map.Entry<List<String>, List<Event>> group : byResource.entrySet()) {
      String project = group.getKey().get(0);
      String source = group.getKey().get(1);
      w.begin(1); // ExportTraceServiceRequest.resource_spans
      w.begin(1); // ResourceSpans.resource
      String service = serviceName != null ? serviceName : project != null ? project : SCOPE;
      stringAttribute(w, 1, "service.name", service);
      stringAttribute(w, 1, "honeyhive.project", project);
      stringAttribute(w, 1, "honeyhive.source", source);
      stringAttribute(w, 1, "telemetry.sdk.name", SCOPE);
      stringAttribute(w, 1, "telemetry.sdk.language", "java");
      stringAttribute(w, 1, "telemetry.sdk.version", version);
      w.end();
      w.begin(2); // ResourceSpans.scope_spans
      w.begin(1).string(1, SCOPE); // ScopeSpans.scope: name, version
      if (version != null) {
        w.string(2, version);
      }
      w.end();
      for (Event e : group.getValue()) {
        span(w, e, sessionNames.get(e.sessionId()));
      }
      w.end();
      w.end();
    }
    return w.toByteArray();
  }

  /** ScopeSpans.spans: one event. */
  private static void span(ProtoWriter w, Event e, String sessionName) {
    String sessionId = e.sessionId() != null ? e.sessionId() : e.eventId();
    w.begin(2);
    w.bytes(1, SpanIds.traceId(sessionId));
    w.bytes(2, SpanIds.spanId(e.eventId()));
    String parent = e.parentId();
    boolean hasParentEvent = parent != null && !parent.equals(e.sessionId());
    if (hasParentEvent) {
      w.bytes(4, SpanIds.spanId(parent));
    }
    String type = e.eventType() == null ? null : e.eventType().wireName();
    w.string(5, e.eventName() != null ? e.eventName() : type != null ? type : "event");
    w.int64(6, KIND_INTERNAL);
    long start = startNanos(e);
    long end = endNanos(e, start);
    w.fixed64(7, start);
    w.fixed64(8, end);

    stringAttribute(w, 9, "honeyhive_event_type", type);
    stringAttribute(w, 9, "honeyhive_event_name", e.eventName());
    stringAttribute(w, 9, "honeyhive_event_id", e.eventId());
    stringAttribute(w, 9, "honeyhive.session_id", e.sessionId());
    stringAttribute(w, 9, "honeyhive.project", e.project());
    stringAttribute(w, 9, "honeyhive.source", e.source());
    stringAttribute(w, 9, "traceloop.association.properties.session_id", e.sessionId());
    stringAttribute(w, 9, "traceloop.association.properties.project", e.project());
    stringAttribute(w, 9, "traceloop.association.properties.source", e.source());
    if (hasParentEvent) {
      stringAttribute(w, 9, "honeyhive.parent_id", parent);
    }
    if (e.sessionId() != null) {
      attribute(w, 9, "honeyhive.session_auto_create", Boolean.TRUE);
      stringAttribute(w, 9, "honeyhive.session_name", sessionName);
    }
    flatten(w, "honeyhive_inputs", e.inputs(), 0);
    flatten(w, "honeyhive_outputs", e.outputs(), 0);
    flatten(w, "honeyhive_config", e.config(), 0);
    flatten(w, "honeyhive_metadata", e.metadata(), 0);
    flatten(w, "honeyhive_metrics", e.metrics(), 0);
    flatten(w, "honeyhive_feedback", e.feedback(), 0);
    flatten(w, "honeyhive_user_properties", e.userProperties(), 0);
    if (e.duration() != null) {
      attribute(w, 9, "honeyhive_duration_ms", e.duration());
    }
    if (e.error() != null) {
      stringAttribute(w, 9, "honeyhive_error", e.error());
      w.begin(11).fixed64(1, end).string(2, "exception"); // Span.events
      stringAttribute(w, 3, "exception.message", e.error());
      w.end();
      w.begin(15).string(2, e.error()).int64(3, STATUS_ERROR).end(); // Span.status
    }
    w.end();
  }

  private static long startNanos(Event e) {
    Long ms = e.startTime() != null ? e.startTime() : e.endTime();
    return (ms != null ? ms : System.currentTimeMillis()) * 1_000_000L;
  }

  /** Start plus the duration when there is one (it keeps sub-millisecond precision), else the end time. */
  private static long endNanos(Event e, long start) {
    if (e.startTime() != null && e.duration() != null && e.duration() >= 0 && !e.duration().isInfinite()) {
      return start + Math.round(e.duration() * 1_000_000d);
    }
    return e.endTime() != null ? Math.max(start, e.endTime() * 1_000_000L) : start;
  }

  /** Deepest nesting flattened; deeper values (rare: capture limits depth first) go as JSON-like text. */
  private static final int MAX_DEPTH = 32;

  /** A value under {@code key}: maps and lists spread into dotted keys, scalars typed, nulls left out. */
  private static void flatten(ProtoWriter w, String key, Object value, int depth) {
    if (value == null) {
      return;
    }
    if (depth < MAX_DEPTH && value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        flatten(w, key + "." + entry.getKey(), entry.getValue(), depth + 1);
      }
    } else if (depth < MAX_DEPTH && value instanceof Collection<?> list) {
      int i = 0;
      for (Object element : list) {
        flatten(w, key + "." + i++, element, depth + 1);
      }
    } else if (depth < MAX_DEPTH && value instanceof Object[] array) {
      flatten(w, key, List.of(array), depth);
    } else {
      attribute(w, 9, key, value);
    }
  }

  private static void stringAttribute(ProtoWriter w, int field, String key, String value) {
    if (value != null) {
      attribute(w, field, key, value);
    }
  }

  /** A KeyValue as field {@code field}: strings, booleans, whole and decimal numbers typed; anything else as text. */
  private static void attribute(ProtoWriter w, int field, String key, Object value) {
    w.begin(field).string(1, key).begin(2); // KeyValue.key, KeyValue.value (AnyValue)
    if (value instanceof Boolean b) {
      w.bool(2, b);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      w.int64(3, ((Number) value).longValue());
    } else if (value instanceof BigInteger big && big.bitLength() < 64) {
      w.int64(3, big.longValue());
    } else if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
      w.double64(4, ((Number) value).doubleValue());
    } else if (value instanceof BigDecimal dec && Double.isFinite(dec.doubleValue())) {
      w.double64(4, dec.doubleValue());
    } else {
      // non-finite numbers too: OTLP/JSON collectors reject NaN, so they travel as text
      w.string(1, String.valueOf(value));
    }
    w.end().end();
  }
}
