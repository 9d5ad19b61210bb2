package ai.honeyhive.transport.model;

import java.util.List;
import java.util.Map;

/** Builds an {@link Event}; every field is optional here, the API decides what it requires. */
public final class EventBuilder {
  private String project;
  private String projectId;
  private EventType eventType;
  private String eventName;
  private String source;
  private String sessionId;
  private String eventId;
  private String parentId;
  private List<String> childrenIds;
  private Map<String, Object> config;
  private Map<String, Object> inputs;
  private Map<String, Object> outputs;
  private String error;
  private Long startTime;
  private Long endTime;
  private Double duration;
  private Map<String, Object> metadata;
  private Map<String, Object> feedback;
  private Map<String, Object> metrics;
  private Map<String, Object> userProperties;

  EventBuilder() {}

  public EventBuilder project(String v) { project = v; return this; }
  public EventBuilder projectId(String v) { projectId = v; return this; }
  public EventBuilder eventType(EventType v) { eventType = v; return this; }
  public EventBuilder eventName(String v) { eventName = v; return this; }
  public EventBuilder source(String v) { source = v; return this; }
  public EventBuilder sessionId(String v) { sessionId = v; return this; }
  public EventBuilder eventId(String v) { eventId = v; return this; }
  public EventBuilder parentId(String v) { parentId = v; return this; }
  public EventBuilder childrenIds(List<String> v) { childrenIds = v; return this; }
  public EventBuilder config(Map<String, Object> v) { config = v; return this; }
  public EventBuilder inputs(Map<String, Object> v) { inputs = v; return this; }
  public EventBuilder outputs(Map<String, Object> v) { outputs = v; return this; }
  public EventBuilder error(String v) { error = v; return this; }
  public EventBuilder startTime(Long v) { startTime = v; return this; }
  public EventBuilder endTime(Long v) { endTime = v; return this; }
  public EventBuilder duration(Double v) { duration = v; return this; }
  public EventBuilder metadata(Map<String, Object> v) { metadata = v; return this; }
  public EventBuilder feedback(Map<String, Object> v) { feedback = v; return this; }
  public EventBuilder metrics(Map<String, Object> v) { metrics = v; return this; }
  public EventBuilder userProperties(Map<String, Object> v) { userProperties = v; return this; }

  public Event build() {
    return new Event(project, projectId, eventType, eventName, source, sessionId, eventId,
        parentId, childrenIds, config, inputs, outputs, error, startTime, endTime, duration,
        metadata, feedback, metrics, userProperties);
  }
}
