package ai.honeyhive.transport.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * The body of {@code POST /events/batch}. The tracer emits one per completed session, with
 * {@code is_single_session = true} and the session's properties.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"events", "is_single_session", "session_properties"})
public record BatchRequest(
    @JsonProperty("events") List<Event> events,
    @JsonProperty("is_single_session") Boolean isSingleSession,
    @JsonProperty("session_properties") SessionProperties sessionProperties) {

  public BatchRequest {
    events = List.copyOf(Objects.requireNonNull(events, "events"));
  }

  /** A batch holding the events of one session. */
  public static BatchRequest ofSession(SessionProperties session, List<Event> events) {
    return new BatchRequest(events, Boolean.TRUE, session);
  }

  /** The session id the batch is about, from its properties or else its first event. */
  public String sessionId() {
    if (sessionProperties != null && sessionProperties.sessionId() != null) {
      return sessionProperties.sessionId();
    }
    return events.isEmpty() ? null : events.get(0).sessionId();
  }
}
