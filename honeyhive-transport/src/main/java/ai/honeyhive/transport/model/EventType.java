package ai.honeyhive.transport.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of a HoneyHive event, written on the wire in lower case. */
public enum EventType {
  CHAIN("chain"),
  TOOL("tool"),
  MODEL("model"),
  /** A session's own record: sent to announce a session in a multi-session batch, read back from the API. */
  SESSION("session"),
  /** Any type this version does not know, read leniently. */
  @JsonEnumDefaultValue
  UNKNOWN("unknown");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }
}
