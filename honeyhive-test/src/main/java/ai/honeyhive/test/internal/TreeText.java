package ai.honeyhive.test.internal;

import ai.honeyhive.test.RecordedSession;
import ai.honeyhive.transport.internal.EventLine;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.SessionProperties;
import java.util.List;

/**
 * A session drawn as {@code ConsoleExporter} draws it (type, name, duration, error, one line per
 * event), with one event marked: what a failed assertion points at.
 */
public final class TreeText {
  /** What follows the marked line. */
  public static final String MARK = "  <-- ";

  private TreeText() {}

  /**
   * The tree of {@code session}; the line of {@code marked} (matched by identity or id), when not
   * null, ends with {@link #MARK} and {@code note}.
   */
  public static String render(RecordedSession session, Event marked, String note) {
    StringBuilder sb = new StringBuilder();
    SessionProperties s = session.properties();
    sb.append("[honeyhive] session");
    if (s.sessionName() != null) {
      sb.append(' ').append(s.sessionName());
    }
    sb.append(" (").append(s.sessionId()).append(')');
    if (s.source() != null) {
      sb.append(" source=").append(s.source());
    }
    int n = session.events().size();
    sb.append(", ").append(n).append(n == 1 ? " event" : " events");
    if (s.error() != null) {
      sb.append("  ERROR ").append(s.error());
    }
    if (marked == null && note != null) {
      sb.append(MARK).append(note);
    }
    sb.append('\n');
    List<Event> roots = session.roots();
    for (int i = 0; i < roots.size(); i++) {
      line(session, roots.get(i), "", i == roots.size() - 1, marked, note, sb);
    }
    return sb.toString();
  }

  private static void line(RecordedSession session, Event e, String indent, boolean last, Event marked,
      String note, StringBuilder sb) {
    EventLine.appendHead(sb, indent, last, e);
    if (marked != null && (marked == e || (marked.eventId() != null && marked.eventId().equals(e.eventId())))) {
      sb.append(MARK).append(note == null ? "here" : note);
    }
    sb.append('\n');
    List<Event> kids = session.children(e);
    String childIndent = indent + (last ? "    " : "|   ");
    for (int i = 0; i < kids.size(); i++) {
      line(session, kids.get(i), childIndent, i == kids.size() - 1, marked, note, sb);
    }
  }
}
