package ai.honeyhive.transport.export.internal;

import ai.honeyhive.transport.internal.JsonMappers;
import ai.honeyhive.transport.internal.JsonSize;
import ai.honeyhive.transport.internal.ThrottledLogger;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.SessionProperties;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Cuts one session's batch into request bodies that each stay within an event count and a byte
 * size. The pieces carry the session's events in their original order, unchanged: every event
 * keeps its {@code parent_id} and {@code children_ids}, so the links hold across requests. The
 * first piece carries the session's properties; later ones only its id, as follow-up batches do.
 *
 * <p>An event too large for any request on its own is sent with its payload fields (inputs,
 * outputs, config, metadata, metrics, feedback, user properties) replaced by a note saying so: the
 * tree keeps the event, and the API gets a body it accepts.
 *
 * <p>Not public API.
 */
final class SessionSplitter {
  private final ThrottledLogger log =
      new ThrottledLogger(LoggerFactory.getLogger(BatchingSessionProcessor.class));
  /** Length of the longest error string kept on a truncated event. */
  private static final int MAX_TRUNCATED_ERROR = 2000;

  private final int maxEvents;
  private final long maxBytes;
  private final ObjectWriter writer = JsonMappers.mapper().writer();

  /** One request body: its events counted and its serialized size measured. */
  record Piece(BatchRequest request, int events, long bytes, boolean lastOfSession) {}

  SessionSplitter(int maxEvents, long maxBytes) {
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
  }

  List<Piece> split(BatchRequest session) {
    return split(session, -1);
  }

  /**
   * As {@link #split(BatchRequest)}, trusting {@code knownEstimate} (the session's own estimate of
   * its JSON size, when it has one; negative when not) instead of walking the values.
   */
  List<Piece> split(BatchRequest session, long knownEstimate) {
    if (session.events().size() <= maxEvents) {
      // the common case: a session far below the limit goes whole on a cheap estimate, so the
      // body is serialized once, when it is sent; the estimate undercounts text outside ASCII
      // by at most 3x, hence the margin
      long estimate = knownEstimate >= 0 ? knownEstimate : estimate(session);
      if (estimate * 3 <= maxBytes) {
        return List.of(new Piece(session, session.events().size(), estimate, true));
      }
      long whole = size(session);
      if (whole <= maxBytes) {
        return List.of(new Piece(session, session.events().size(), whole, true));
      }
    }
    Boolean single = session.isSingleSession();
    SessionProperties props = session.sessionProperties();
    String sessionId = session.sessionId();
    long firstEnvelope = size(new BatchRequest(List.of(), single, props));
    if (firstEnvelope > maxBytes && props != null) {
      props = truncate(props, firstEnvelope);
      firstEnvelope = size(new BatchRequest(List.of(), single, props));
    }
    SessionProperties followUp = sessionId == null ? null : SessionProperties.ofId(sessionId);
    long restEnvelope = size(new BatchRequest(List.of(), single, followUp));

    List<Piece> pieces = new ArrayList<>();
    List<Event> current = new ArrayList<>();
    SessionProperties currentProps = props;
    long bytes = firstEnvelope;
    for (Event event : session.events()) {
      long eventBytes = size(event);
      if (restEnvelope + eventBytes > maxBytes) {
        event = truncate(event, eventBytes);
        eventBytes = size(event);
      }
      long added = current.isEmpty() ? eventBytes : eventBytes + 1; // the comma between events
      boolean full = current.size() >= maxEvents || bytes + added > maxBytes;
      // the first piece may go with no events when the properties and one event do not fit together
      boolean propertiesOnly = current.isEmpty() && pieces.isEmpty() && props != null;
      if (full && (!current.isEmpty() || propertiesOnly)) {
        pieces.add(new Piece(new BatchRequest(current, single, currentProps), current.size(), bytes, false));
        current = new ArrayList<>();
        currentProps = followUp;
        bytes = restEnvelope;
        added = eventBytes;
      }
      current.add(event);
      bytes += added;
    }
    pieces.add(new Piece(new BatchRequest(current, single, currentProps), current.size(), bytes, true));
    return pieces;
  }

  /** A cheap estimate of a batch's JSON size (see {@link JsonSize#estimate}). */
  static long estimate(BatchRequest b) {
    long n = 64;
    SessionProperties p = b.sessionProperties();
    if (p != null) {
      n += 160 + len(p.source()) + len(p.sessionName()) + len(p.sessionId()) + len(p.error())
          + JsonSize.estimate(p.config()) + JsonSize.estimate(p.inputs()) + JsonSize.estimate(p.outputs())
          + JsonSize.estimate(p.metrics()) + JsonSize.estimate(p.feedback()) + JsonSize.estimate(p.metadata())
          + JsonSize.estimate(p.userProperties());
    }
    for (Event e : b.events()) {
      n += estimate(e) + 1;
    }
    return n;
  }

  /** A cheap estimate of an event's JSON size: field names and punctuation, plus its values. */
  static long estimate(Event e) {
    long n = 300 + len(e.project()) + len(e.projectId()) + len(e.eventName()) + len(e.source())
        + len(e.sessionId()) + len(e.eventId()) + len(e.parentId()) + len(e.error())
        + JsonSize.estimate(e.childrenIds()) + JsonSize.estimate(e.config()) + JsonSize.estimate(e.inputs())
        + JsonSize.estimate(e.outputs()) + JsonSize.estimate(e.metadata()) + JsonSize.estimate(e.feedback())
        + JsonSize.estimate(e.metrics()) + JsonSize.estimate(e.userProperties());
    return n;
  }

  private static long len(String s) {
    return s == null ? 0 : s.length();
  }

  /** The serialized size of a value, counted without keeping the bytes. */
  long size(Object value) {
    try {
      return JsonSize.of(writer, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Event truncate(Event e, long originalBytes) {
    log.warn("oversized-event", "HoneyHive: event '" + e.eventName() + "' is " + originalBytes
        + " bytes of JSON, more than one request may carry (" + maxBytes
        + "); its inputs, outputs and other payload fields were replaced by a note");
    String error = e.error();
    if (error != null && error.length() > MAX_TRUNCATED_ERROR) {
      error = error.substring(0, MAX_TRUNCATED_ERROR) + "...";
    }
    return e.toBuilder()
        .config(null).inputs(null).outputs(null).metrics(null).feedback(null).userProperties(null)
        .metadata(Map.of("honeyhive_truncated", note(originalBytes)))
        .error(error)
        .build();
  }

  private SessionProperties truncate(SessionProperties p, long originalBytes) {
    log.warn("oversized-session", "HoneyHive: the properties of session '" + p.sessionName() + "' are "
        + originalBytes + " bytes of JSON, more than one request may carry (" + maxBytes
        + "); its inputs, outputs and other payload fields were replaced by a note");
    return new SessionProperties(p.source(), p.sessionName(), p.sessionId(), null, null, null,
        p.error() != null && p.error().length() > MAX_TRUNCATED_ERROR
            ? p.error().substring(0, MAX_TRUNCATED_ERROR) + "..." : p.error(),
        null, null, Map.of("honeyhive_truncated", note(originalBytes)), null);
  }

  private String note(long originalBytes) {
    return "payload removed: " + originalBytes + " bytes of JSON exceed the " + maxBytes
        + "-byte request limit";
  }
}
