package ai.honeyhive.transport.export;

import ai.honeyhive.transport.internal.EventLine;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.SessionProperties;
import java.io.PrintStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Prints each session as an indented tree: event type, name, duration and error, one line per
 * event. With {@code verbose}, each line also shows the event's inputs and outputs.
 */
public final class ConsoleExporter implements EventExporter {
  private final PrintStream out;
  private final boolean verbose;
  private final String banner;
  private final AtomicBoolean bannerPrinted = new AtomicBoolean();

  private ConsoleExporter(PrintStream out, boolean verbose, String banner) {
    this.out = out;
    this.verbose = verbose;
    this.banner = banner;
  }

  /** Prints to standard output. */
  public static ConsoleExporter create() {
    return new ConsoleExporter(System.out, false, null);
  }

  /**
   * Prints to {@code out}; {@code banner}, when not null, is printed once before the first
   * session (the local default uses it to say where the JSONL file is).
   */
  public static ConsoleExporter create(PrintStream out, boolean verbose, String banner) {
    return new ConsoleExporter(out, verbose, banner);
  }

  @Override
  public CompletableFuture<Void> export(Collection<BatchRequest> batches) {
    StringBuilder sb = new StringBuilder();
    if (banner != null && bannerPrinted.compareAndSet(false, true)) {
      sb.append(banner).append(System.lineSeparator());
    }
    for (BatchRequest batch : batches) {
      render(batch, sb);
    }
    synchronized (out) {
      out.print(sb);
      out.flush();
    }
    return CompletableFuture.completedFuture(null);
  }

  /** Renders one batch as the tree this exporter prints. */
  String render(BatchRequest batch) {
    StringBuilder sb = new StringBuilder();
    render(batch, sb);
    return sb.toString();
  }

  private void render(BatchRequest batch, StringBuilder sb) {
    SessionProperties s = batch.sessionProperties();
    String nl = System.lineSeparator();
    sb.append("[honeyhive] session");
    if (s != null && s.sessionName() != null) {
      sb.append(' ').append(s.sessionName());
    }
    sb.append(" (").append(batch.sessionId()).append(')');
    Event first = batch.events().isEmpty() ? null : batch.events().get(0);
    if (first != null && first.project() != null) {
      sb.append(" project=").append(first.project());
    }
    if (s != null && s.source() != null) {
      sb.append(" source=").append(s.source());
    }
    sb.append(", ").append(batch.events().size()).append(batch.events().size() == 1 ? " event" : " events");
    if (s != null && s.error() != null) {
      sb.append("  ERROR ").append(s.error());
    }
    sb.append(nl);

    Map<String, Event> byId = new LinkedHashMap<>();
    for (Event e : batch.events()) {
      byId.put(e.eventId(), e);
    }
    Map<String, List<Event>> children = new HashMap<>();
    List<Event> roots = new java.util.ArrayList<>();
    for (Event e : batch.events()) {
      if (e.parentId() != null && byId.containsKey(e.parentId())) {
        children.computeIfAbsent(e.parentId(), k -> new java.util.ArrayList<>()).add(e);
      } else {
        roots.add(e);
      }
    }
    for (int i = 0; i < roots.size(); i++) {
      renderEvent(roots.get(i), "", i == roots.size() - 1, children, sb, nl);
    }
  }

  private void renderEvent(Event e, String indent, boolean last, Map<String, List<Event>> children,
      StringBuilder sb, String nl) {
    EventLine.appendHead(sb, indent, last, e);
    if (verbose) {
      if (e.inputs() != null && !e.inputs().isEmpty()) {
        sb.append("  inputs=").append(e.inputs());
      }
      if (e.outputs() != null && !e.outputs().isEmpty()) {
        sb.append("  outputs=").append(e.outputs());
      }
    }
    sb.append(nl);
    List<Event> kids = children.getOrDefault(e.eventId(), List.of());
    String childIndent = indent + (last ? "    " : "|   ");
    for (int i = 0; i < kids.size(); i++) {
      renderEvent(kids.get(i), childIndent, i == kids.size() - 1, children, sb, nl);
    }
  }

  @Override
  public String toString() {
    return "ConsoleExporter";
  }
}
