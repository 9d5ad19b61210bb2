package ai.honeyhive.transport.http.internal;

import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import ai.honeyhive.transport.model.SessionProperties;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns single-session batches (the tracer's shape) into one {@code is_single_session: false}
 * body carrying the events of many sessions. A batch whose properties are a session's full record
 * announces that session: it becomes an event of type {@code session} whose {@code event_id} and
 * {@code session_id} are the session id (as in the classic spec's {@code SessionStartRequest}
 * example), placed before the session's events. A batch with only the session id (a follow-up)
 * adds its events and no session event. Every event keeps its ids and links unchanged.
 *
 * <p>Not public API.
 */
final class MultiSessionBody {
  private MultiSessionBody() {}

  /** The combined body; its events are the session events plus every batch's events, in order. */
  static BatchRequest combine(Collection<BatchRequest> batches) {
    Map<String, Span> spans = new HashMap<>();
    int size = 0;
    for (BatchRequest b : batches) {
      size += b.events().size() + 1;
      for (Event e : b.events()) {
        if (e.sessionId() != null) {
          spans.computeIfAbsent(e.sessionId(), k -> new Span()).add(e);
        }
      }
    }
    List<Event> events = new ArrayList<>(size);
    for (BatchRequest b : batches) {
      SessionProperties p = b.sessionProperties();
      if (p != null && p.sessionId() != null && p.announces()) {
        events.add(sessionEvent(p, spans.getOrDefault(p.sessionId(), new Span()), b.events()));
      }
      events.addAll(b.events());
    }
    return new BatchRequest(events, Boolean.FALSE, null);
  }

  /**
   * A session's own event. Its times come from the session's events in this request (earliest
   * start, latest end); its {@code children_ids} are its top-level events in this request.
   */
  static Event sessionEvent(SessionProperties p, Span span, List<Event> own) {
    String project = null;
    String source = p.source();
    for (Event e : own) {
      project = project == null ? e.project() : project;
      source = source == null ? e.source() : source;
    }
    // a piece that carries only the properties takes them from its session's other events here
    project = project == null ? span.project : project;
    source = source == null ? span.source : source;
    Long start = span.start;
    Long end = span.end;
    return Event.builder()
        .project(project)
        .eventType(EventType.SESSION)
        .eventName(p.sessionName() != null ? p.sessionName() : "session")
        .source(source)
        .sessionId(p.sessionId())
        .eventId(p.sessionId())
        .childrenIds(span.topLevel)
        .config(p.config())
        .inputs(p.inputs() != null ? p.inputs() : Map.of())
        .outputs(p.outputs())
        .error(p.error())
        .startTime(start)
        .endTime(end)
        .duration(start != null && end != null ? (double) (end - start) : null)
        .metadata(p.metadata())
        .feedback(p.feedback())
        .metrics(p.metrics())
        .userProperties(p.userProperties())
        .build();
  }

  /** What a session's events in one request say about it. */
  static final class Span {
    Long start;
    Long end;
    String project;
    String source;
    final List<String> topLevel = new ArrayList<>();

    void add(Event e) {
      project = project == null ? e.project() : project;
      source = source == null ? e.source() : source;
      if (e.startTime() != null && (start == null || e.startTime() < start)) {
        start = e.startTime();
      }
      Long last = e.endTime() != null ? e.endTime() : e.startTime();
      if (last != null && (end == null || last > end)) {
        end = last;
      }
      if (e.eventId() != null && (e.parentId() == null || e.parentId().equals(e.sessionId()))) {
        topLevel.add(e.eventId());
      }
    }
  }
}
