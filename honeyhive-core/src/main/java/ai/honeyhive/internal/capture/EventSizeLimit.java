package ai.honeyhive.internal.capture;

import ai.honeyhive.internal.ValueCapture;
import ai.honeyhive.transport.internal.JsonSize;
import ai.honeyhive.transport.model.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a finished event fit its byte limit, measured exactly as Jackson writes it. Captures are
 * already bounded, so this only bites when many large values meet in one event: then the largest
 * entries of inputs, outputs, config, metadata and the rest are replaced by a marker, largest
 * first, until the event fits (an entry smaller than its marker is left out instead); as a last resort every map is emptied to a marker, the error and
 * name are shortened and, if it still does not fit, children ids are dropped. Each replacement is
 * counted in {@code metadata.honeyhive_truncated}. Not public API.
 */
final class EventSizeLimit {
  /** Room kept for the truncation counter to grow by a few digits after the measurement. */
  private static final int SLACK = 64;

  private EventSizeLimit() {}

  static Event apply(Event event, int truncations, int maxBytes) {
    Event e = truncations > 0 ? withCount(event, truncations) : event;
    long size = measure(e);
    if (size >= 0 && size <= maxBytes) {
      return e;
    }
    if (size < 0) {
      // something in it cannot be written: replace just that, then see what remains to cut
      e = dropEntries(e, -1, maxBytes);
      size = measure(e);
      if (size >= 0 && size <= maxBytes) {
        return e;
      }
    }
    if (size >= 0) {
      e = dropEntries(e, size, maxBytes);
      size = measure(e);
      if (size >= 0 && size <= maxBytes) {
        return e;
      }
    }
    return lastResort(e, maxBytes);
  }

  private static int count(Event e) {
    Object n = e.metadata() == null ? null : e.metadata().get(ValueCapture.TRUNCATED_KEY);
    return n instanceof Integer i ? i : 0;
  }

  /**
   * Whether the event fits without measuring it: true when an upper bound does. A character of
   * a JSON string takes at most 6 bytes ({@code \u001f}), and {@code captured} bounds the
   * characters of the captured values; the rest of the event is ids, names and numbers.
   */
  static boolean surelyFits(Event e, long captured, int maxBytes) {
    long chars = captured + length(e.eventName()) + length(e.error()) + length(e.project())
        + length(e.projectId()) + length(e.source()) + length(e.sessionId()) + length(e.eventId())
        + length(e.parentId());
    if (e.childrenIds() != null) {
      for (String id : e.childrenIds()) {
        chars += length(id) + 3;
      }
    }
    return 6 * chars + 1_024 <= maxBytes; // 1 KiB: field names, type, times, duration, counter
  }

  private static long length(String s) {
    return s == null ? 0 : s.length();
  }

  static Event withCount(Event e, int truncations) {
    if (truncations <= 0) {
      return e;
    }
    Map<String, Object> metadata = new LinkedHashMap<>(e.metadata() == null ? Map.of() : e.metadata());
    metadata.put(ValueCapture.TRUNCATED_KEY, truncations);
    return e.toBuilder().metadata(metadata).build();
  }

  /** One entry of one of the event's maps, with its size as JSON (or MAX_VALUE if unwritable). */
  private record Entry(int section, String key, long size) {}

  /**
   * Replaces entries by markers: those that cannot be written at all, and then, if the event's
   * {@code size} is known, the largest ones until the event is {@code maxBytes} or less.
   */
  private static Event dropEntries(Event e, long size, int maxBytes) {
    List<Map<String, Object>> sections = sections(e);
    List<Entry> entries = new ArrayList<>();
    for (int s = 0; s < sections.size(); s++) {
      Map<String, Object> m = sections.get(s);
      if (m == null) {
        continue;
      }
      for (Map.Entry<String, Object> en : m.entrySet()) {
        if (s == METADATA && ValueCapture.TRUNCATED_KEY.equals(en.getKey())) {
          continue;
        }
        long valueSize = measure(en.getValue());
        entries.add(new Entry(s, en.getKey(), valueSize < 0 ? Long.MAX_VALUE : valueSize));
      }
    }
    entries.sort(Comparator.comparingLong(Entry::size).reversed());
    List<Map<String, Object>> copies = new ArrayList<>();
    for (Map<String, Object> m : sections) {
      copies.add(m == null ? null : new LinkedHashMap<>(m));
    }
    long excess = size < 0 ? 0 : size - maxBytes + SLACK;
    int dropped = 0;
    for (Entry en : entries) {
      boolean unwritable = en.size() == Long.MAX_VALUE;
      if (excess <= 0 && !unwritable) {
        break; // sorted largest first: the unwritable ones came first
      }
      String marker = unwritable
          ? "[truncated: could not be written as JSON]"
          : "[truncated: " + en.size() + " bytes, over the event size limit]";
      long markerSize = marker.length() + 2;
      dropped++;
      if (!unwritable && en.size() <= markerSize) {
        // a marker would take more than the value: many small entries (a map filled to its
        // budget) go whole, with their keys, or no number of markers would ever make it fit
        copies.get(en.section()).remove(en.key());
        excess -= en.size() + en.key().length() + 4;
        continue;
      }
      copies.get(en.section()).put(en.key(), marker);
      if (!unwritable) {
        excess -= en.size() - markerSize;
      }
    }
    Event out = rebuild(e, copies, count(e) + dropped);
    if (size < 0) {
      out = out.toBuilder()
          .eventName(e.eventName() == null ? null : Text.wellFormed(e.eventName()))
          .error(e.error() == null ? null : Text.wellFormed(e.error()))
          .build();
    }
    return out;
  }

  /**
   * The event with every non-empty map replaced by a marker and no error text: for when its
   * values could not be made safe to send (the secret scan failed).
   */
  static Event withoutValues(Event e) {
    List<Map<String, Object>> emptied = new ArrayList<>();
    int dropped = 0;
    for (Map<String, Object> m : sections(e)) {
      if (m == null || m.isEmpty()) {
        emptied.add(m);
      } else {
        emptied.add(Map.of(Markers.TRUNCATED_ENTRY_KEY, Markers.CAPTURE_FAILED));
        dropped++;
      }
    }
    return rebuild(e, emptied, count(e) + dropped).toBuilder()
        .error(e.error() == null ? null : Markers.CAPTURE_FAILED)
        .build();
  }

  private static Event lastResort(Event e, int maxBytes) {
    List<Map<String, Object>> sections = sections(e);
    List<Map<String, Object>> emptied = new ArrayList<>();
    int dropped = 0;
    for (Map<String, Object> m : sections) {
      if (m == null || m.isEmpty()) {
        emptied.add(m);
      } else {
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put(Markers.TRUNCATED_ENTRY_KEY, Markers.OVER_BUDGET);
        emptied.add(marker);
        dropped++;
      }
    }
    Event out = rebuild(e, emptied, count(e) + dropped + 1).toBuilder()
        .eventName(e.eventName() == null ? null : shorten(e.eventName(), 256))
        .error(e.error() == null ? null : shorten(e.error(), 1024))
        .build();
    long size = measure(out);
    if (size >= 0 && size <= maxBytes) {
      return out;
    }
    List<String> children = out.childrenIds();
    if (children != null && !children.isEmpty()) {
      // ids are of one length, so each takes the same room: keep as many as fit, then check
      long withoutChildren = measure(out.toBuilder().childrenIds(List.of()).build());
      long perId = (measure(children) - 2 + children.size() - 1) / children.size() + 1;
      int keep = (int) Math.max(0, Math.min(children.size(), (maxBytes - withoutChildren - SLACK) / perId));
      out = out.toBuilder().childrenIds(children.subList(0, keep)).build();
      while (keep > 0 && measure(out) > maxBytes) {
        keep = keep / 2;
        out = out.toBuilder().childrenIds(children.subList(0, keep)).build();
      }
    }
    return out;
  }

  private static String shorten(String s, int max) {
    String cut = s.length() <= max ? s : s.substring(0, Text.cutPoint(s, max)) + Markers.truncatedString(s.length());
    return Text.wellFormed(cut);
  }

  private static final int METADATA = 3;

  private static List<Map<String, Object>> sections(Event e) {
    List<Map<String, Object>> s = new ArrayList<>(7);
    s.add(e.config());
    s.add(e.inputs());
    s.add(e.outputs());
    s.add(e.metadata()); // METADATA
    s.add(e.feedback());
    s.add(e.metrics());
    s.add(e.userProperties());
    return s;
  }

  private static Event rebuild(Event e, List<Map<String, Object>> s, int truncations) {
    Map<String, Object> metadata = s.get(METADATA) == null ? new LinkedHashMap<>() : new LinkedHashMap<>(s.get(METADATA));
    if (truncations > 0) {
      metadata.put(ValueCapture.TRUNCATED_KEY, truncations);
    }
    if (e.metadata() != null && Boolean.TRUE.equals(e.metadata().get(ValueCapture.INCOMPLETE_KEY))) {
      metadata.put(ValueCapture.INCOMPLETE_KEY, Boolean.TRUE);   // the library's own marker: never dropped
    }
    return e.toBuilder()
        .config(s.get(0))
        .inputs(s.get(1))
        .outputs(s.get(2))
        .metadata(metadata)
        .feedback(s.get(4))
        .metrics(s.get(5))
        .userProperties(s.get(6))
        .build();
  }

  /** The size of {@code value} as the shared mapper writes it, or -1 if it cannot be written. */
  static long measure(Object value) {
    try {
      return JsonSize.of(value);
    } catch (Exception | StackOverflowError e) {
      return -1;
    }
  }
}
