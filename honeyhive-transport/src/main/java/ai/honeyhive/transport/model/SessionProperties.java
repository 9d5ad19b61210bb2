package ai.honeyhive.transport.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/** The {@code session_properties} of a batch request: the session the batch's events belong to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
  "source", "session_name", "session_id", "config", "inputs", "outputs", "error", "metrics",
  "feedback", "metadata", "user_properties"
})
public record SessionProperties(
    @JsonProperty("source") String source,
    @JsonProperty("session_name") String sessionName,
    @JsonProperty("session_id") String sessionId,
    @JsonProperty("config") Map<String, Object> config,
    @JsonProperty("inputs") Map<String, Object> inputs,
    @JsonProperty("outputs") Map<String, Object> outputs,
    @JsonProperty("error") @JsonInclude(JsonInclude.Include.ALWAYS) String error,
    @JsonProperty("metrics") Map<String, Object> metrics,
    @JsonProperty("feedback") Map<String, Object> feedback,
    @JsonProperty("metadata") Map<String, Object> metadata,
    @JsonProperty("user_properties") Map<String, Object> userProperties) {

  public SessionProperties {
    config = Maps.copyOrNull(config);
    inputs = Maps.copyOrNull(inputs);
    outputs = Maps.copyOrNull(outputs);
    metrics = Maps.copyOrNull(metrics);
    feedback = Maps.copyOrNull(feedback);
    metadata = Maps.copyOrNull(metadata);
    userProperties = Maps.copyOrNull(userProperties);
  }

  /**
   * Whether these are a session's full record (they announce it) rather than only its id (a
   * follow-up batch of a session announced in another one). Not a JSON property.
   */
  public boolean announces() {
    return source != null || sessionName != null || config != null || inputs != null || outputs != null
        || error != null || metrics != null || feedback != null || metadata != null || userProperties != null;
  }

  /** Only the id: what a follow-up batch for an already reported session carries. */
  public static SessionProperties ofId(String sessionId) {
    return new SessionProperties(null, null, sessionId, null, null, null, null, null, null, null,
        null);
  }
}
