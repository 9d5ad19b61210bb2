package ai.honeyhive.transport.internal;

import ai.honeyhive.transport.model.Event;
import java.util.Locale;

/**
 * The head of one event's line in a printed session tree ({@code |-- tool search  1.25 ms  ERROR
 * ...}): written by the console exporter and by the test kit's failure messages, which print the
 * tree as the console does, so the two stay alike. Not public API.
 */
public final class EventLine {
  private EventLine() {}

  /** Appends the branch, the event's type and name, its duration and its error. */
  public static StringBuilder appendHead(StringBuilder sb, String indent, boolean last, Event e) {
    sb.append(indent).append(last ? "`-- " : "|-- ");
    sb.append(e.eventType() == null ? "?" : e.eventType().wireName()).append(' ').append(e.eventName());
    if (e.duration() != null) {
      sb.append("  ").append(String.format(Locale.ROOT, "%.2f ms", e.duration()));
    }
    if (e.error() != null) {
      sb.append("  ERROR ").append(e.error());
    }
    return sb;
  }
}
