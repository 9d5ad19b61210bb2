package ai.honeyhive.transport.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;

/**
 * One HoneyHive event, as sent in {@code POST /events/batch} and read back from
 * {@code POST /events/export} and {@code GET /session/{id}}.
 *
 * <p>Absent fields are {@code null} and not written, except {@code error}, which the API documents
 * as an explicit {@code null} on success. Times are epoch milliseconds; {@code duration} is
 * milliseconds with sub-millisecond precision.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonSerialize(using = EventSerializer.class)
@JsonPropertyOrder({
  "project", "project_id", "event_type", "event_name", "source", "session_id", "event_id",
  "parent_id", "children_ids", "config", "inputs", "outputs", "error", "start_time", "end_time",
  "duration", "metadata", "feedback", "metrics", "user_properties"
})
public record Event(
    @JsonProperty("project") String project,
    @JsonProperty("project_id") String projectId,
    @JsonProperty("event_type") EventType eventType,
    @JsonProperty("event_name") String eventName,
    @JsonProperty("source") String source,
    @JsonProperty("session_id") String sessionId,
    @JsonProperty("event_id") String eventId,
    @JsonProperty("parent_id") String parentId,
    @JsonProperty("children_ids") List<String> childrenIds,
    @JsonProperty("config") Map<String, Object> config,
    @JsonProperty("inputs") Map<String, Object> inputs,
    @JsonProperty("outputs") Map<String, Object> outputs,
    @JsonProperty("error") @JsonInclude(JsonInclude.Include.ALWAYS) String error,
    @JsonProperty("start_time") @JsonDeserialize(using = EpochMillisDeserializer.class)
        Long startTime,
    @JsonProperty("end_time") @JsonDeserialize(using = EpochMillisDeserializer.class)
        Long endTime,
    @JsonProperty("duration") Double duration,
    @JsonProperty("metadata") Map<String, Object> metadata,
    @JsonProperty("feedback") Map<String, Object> feedback,
    @JsonProperty("metrics") Map<String, Object> metrics,
    @JsonProperty("user_properties") Map<String, Object> userProperties) {

  public Event {
    childrenIds = Maps.copyOrNull(childrenIds);
    config = Maps.copyOrNull(config);
    inputs = Maps.copyOrNull(inputs);
    outputs = Maps.copyOrNull(outputs);
    metadata = Maps.copyOrNull(metadata);
    feedback = Maps.copyOrNull(feedback);
    metrics = Maps.copyOrNull(metrics);
    userProperties = Maps.copyOrNull(userProperties);
  }

  public static EventBuilder builder() {
    return new EventBuilder();
  }

  public EventBuilder toBuilder() {
    return new EventBuilder()
        .project(project)
        .projectId(projectId)
        .eventType(eventType)
        .eventName(eventName)
        .source(source)
        .sessionId(sessionId)
        .eventId(eventId)
        .parentId(parentId)
        .childrenIds(childrenIds)
        .config(config)
        .inputs(inputs)
        .outputs(outputs)
        .error(error)
        .startTime(startTime)
        .endTime(endTime)
        .duration(duration)
        .metadata(metadata)
        .feedback(feedback)
        .metrics(metrics)
        .userProperties(userProperties);
  }
}
