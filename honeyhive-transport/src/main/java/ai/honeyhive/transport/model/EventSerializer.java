package ai.honeyhive.transport.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link Event} field by field, exactly as its annotations describe (that order, absent
 * fields left out, {@code error} always written), without the per-property reflection of the bean
 * serializer: the export worker writes every event once, and that reflection was a large part of
 * it. The captured maps still go through the mapper's own serializers.
 */
final class EventSerializer extends StdSerializer<Event> {
  private static final long serialVersionUID = 1L;

  EventSerializer() {
    super(Event.class);
  }

  @Override
  public void serialize(Event e, JsonGenerator g, SerializerProvider p) throws IOException {
    g.writeStartObject(e);
    string(g, "project", e.project());
    string(g, "project_id", e.projectId());
    if (e.eventType() != null) {
      g.writeStringField("event_type", e.eventType().wireName());
    }
    string(g, "event_name", e.eventName());
    string(g, "source", e.source());
    string(g, "session_id", e.sessionId());
    string(g, "event_id", e.eventId());
    string(g, "parent_id", e.parentId());
    List<String> children = e.childrenIds();
    if (children != null) {
      g.writeArrayFieldStart("children_ids");
      for (String c : children) {
        g.writeString(c);
      }
      g.writeEndArray();
    }
    map(g, p, "config", e.config());
    map(g, p, "inputs", e.inputs());
    map(g, p, "outputs", e.outputs());
    g.writeFieldName("error");
    if (e.error() == null) {
      g.writeNull();
    } else {
      g.writeString(e.error());
    }
    if (e.startTime() != null) {
      g.writeNumberField("start_time", e.startTime());
    }
    if (e.endTime() != null) {
      g.writeNumberField("end_time", e.endTime());
    }
    if (e.duration() != null) {
      g.writeNumberField("duration", e.duration());
    }
    map(g, p, "metadata", e.metadata());
    map(g, p, "feedback", e.feedback());
    map(g, p, "metrics", e.metrics());
    map(g, p, "user_properties", e.userProperties());
    g.writeEndObject();
  }

  private static void string(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static void map(JsonGenerator g, SerializerProvider p, String name, Map<String, Object> value)
      throws IOException {
    if (value != null) {
      g.writeFieldName(name);
      value(g, p, value, 0);
    }
  }

  /**
   * Captured values are nearly always strings, numbers, booleans, maps and lists of them: those are
   * written directly; anything else (and anything nested deeper than captures go) goes through the
   * mapper as before, so the output is the same.
   */
  private static void value(JsonGenerator g, SerializerProvider p, Object v, int depth) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (depth < 32 && v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        // captured maps have string keys; any other key is written as its text, as Jackson does for most
        Object k = e.getKey();
        g.writeFieldName(k instanceof String s ? s : String.valueOf(k));
        value(g, p, e.getValue(), depth + 1);
      }
      g.writeEndObject();
    } else if (depth < 32 && v instanceof List<?> l) {
      g.writeStartArray();
      for (Object o : l) {
        value(g, p, o, depth + 1);
      }
      g.writeEndArray();
    } else {
      p.defaultSerializeValue(v, g);
    }
  }
}
