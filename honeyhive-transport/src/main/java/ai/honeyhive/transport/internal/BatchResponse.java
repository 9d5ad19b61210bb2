package ai.honeyhive.transport.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The response of {@code POST /events/batch}: on 200 the ids created; on the documented 500
 * ("Events partially created") also the {@code errors} for the events that were not. Read by the
 * exporter only. Not public API.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BatchResponse(
    @JsonProperty("event_ids") List<String> eventIds,
    @JsonProperty("session_id") String sessionId,
    @JsonProperty("success") Boolean success,
    @JsonProperty("errors") List<String> errors) {

  public BatchResponse {
    eventIds = copyOrNull(eventIds);
    errors = copyOrNull(errors);
  }

  private static <T> List<T> copyOrNull(List<T> list) {
    return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
  }
}
