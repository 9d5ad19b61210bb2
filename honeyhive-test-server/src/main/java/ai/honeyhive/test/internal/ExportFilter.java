package ai.honeyhive.test.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Not public API. The part of {@code POST /events/export} the stand-in answers: {@code filters} (a dotted
 * {@code field} such as {@code event_type} or {@code metadata.cost}, operators {@code is},
 * {@code is not}, {@code contains}, {@code not contains}, {@code greater than}) and
 * {@code dateRange} ({@code $gte}/{@code $lte} on {@code start_time}). {@code project} and
 * {@code projections} are not applied: a stand-in holds one project and returns whole events.
 */
public final class ExportFilter {
  private ExportFilter() {}

  public static List<JsonNode> apply(List<JsonNode> events, JsonNode query) {
    List<JsonNode> out = new ArrayList<>();
    Long from = time(query.path("dateRange").path("$gte"));
    Long to = time(query.path("dateRange").path("$lte"));
    for (JsonNode e : events) {
      if (inRange(e, from, to) && matchesAll(e, query.path("filters"))) {
        out.add(e);
      }
    }
    return out;
  }

  private static boolean inRange(JsonNode e, Long from, Long to) {
    if (from == null && to == null) {
      return true;
    }
    JsonNode start = e.get("start_time");
    if (start == null || !start.isNumber()) {
      return false;
    }
    long t = start.asLong();
    return (from == null || t >= from) && (to == null || t <= to);
  }

  private static boolean matchesAll(JsonNode e, JsonNode filters) {
    for (JsonNode f : filters) {
      if (!matches(at(e, f.path("field").asText()), f.path("operator").asText().toLowerCase(Locale.ROOT),
          f.path("value").asText())) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(JsonNode actual, String operator, String value) {
    String text = actual == null || actual.isNull() ? null : actual.isValueNode() ? actual.asText() : actual.toString();
    return switch (operator) {
      case "is" -> value.equals(text);
      case "is not" -> !value.equals(text);
      case "contains" -> text != null && text.contains(value);
      case "not contains" -> text == null || !text.contains(value);
      case "greater than" -> greater(text, value);
      default -> false;
    };
  }

  private static boolean greater(String text, String value) {
    if (text == null) {
      return false;
    }
    try {
      return new BigDecimal(text).compareTo(new BigDecimal(value)) > 0;
    } catch (NumberFormatException e) {
      return text.compareTo(value) > 0;
    }
  }

  private static JsonNode at(JsonNode e, String field) {
    JsonNode n = e;
    for (String part : field.split("\\.")) {
      if (n == null) {
        return null;
      }
      n = n.get(part);
    }
    return n;
  }

  private static Long time(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return null;
    }
    if (n.isNumber()) {
      return n.asLong();
    }
    String s = n.asText();
    try {
      return Instant.parse(s).toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
