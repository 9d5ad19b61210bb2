package ai.honeyhive.client;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@code POST /events/export} query: the project, filters, an optional date range, the fields
 * to return, and which page of how many events. Build one with {@link #builder()}; every part is
 * checked as it is set or at {@link EventQueryBuilder#build()}, so an invalid query never reaches
 * the API.
 */
public final class EventQuery {
  /** The API's largest page. */
  public static final int MAX_LIMIT = 7500;
  /** The page size when none is set, as the API's own default. */
  public static final int DEFAULT_LIMIT = 1000;

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The earliest and latest instants the API's {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} dates can carry. */
  static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  private final String project;
  private final List<EventFilter> filters;
  private final Instant from;
  private final Instant to;
  private final List<String> projections;
  private final int limit;
  private final int page;

  EventQuery(String project, List<EventFilter> filters, Instant from, Instant to, List<String> projections,
      int limit, int page) {
    this.project = project;
    this.filters = List.copyOf(filters);
    this.from = from;
    this.to = to;
    this.projections = projections == null ? null : List.copyOf(projections);
    this.limit = limit;
    this.page = page;
  }

  public static EventQueryBuilder builder() {
    return new EventQueryBuilder();
  }

  public String project() {
    return project;
  }

  public List<EventFilter> filters() {
    return filters;
  }

  /** Earliest event start included ({@code dateRange.$gte}). */
  public Optional<Instant> from() {
    return Optional.ofNullable(from);
  }

  /** Latest event start included ({@code dateRange.$lte}). */
  public Optional<Instant> to() {
    return Optional.ofNullable(to);
  }

  /** The fields returned, or empty for all of them. */
  public Optional<List<String>> projections() {
    return Optional.ofNullable(projections);
  }

  public int limit() {
    return limit;
  }

  public int page() {
    return page;
  }

  /** The same query for another page. */
  public EventQuery withPage(int page) {
    return toBuilder().page(page).build();
  }

  /** A builder holding this query's parts, to change some of them. */
  public EventQueryBuilder toBuilder() {
    EventQueryBuilder b = new EventQueryBuilder().project(project).limit(limit).page(page).dateRange(from, to);
    filters.forEach(b::filter);
    if (projections != null) {
      b.projections(projections);
    }
    return b;
  }

  /** The request body, exactly as the API documents it. */
  Map<String, Object> toRequestBody() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("project", project);
    body.put("filters", filters);
    if (from != null || to != null) {
      Map<String, String> range = new LinkedHashMap<>();
      if (from != null) {
        range.put("$gte", ISO_MILLIS.format(from));
      }
      if (to != null) {
        range.put("$lte", ISO_MILLIS.format(to));
      }
      body.put("dateRange", range);
    }
    if (projections != null) {
      body.put("projections", projections);
    }
    body.put("limit", limit);
    body.put("page", page);
    return body;
  }

  @Override
  public String toString() {
    return "EventQuery" + toRequestBody();
  }
}
