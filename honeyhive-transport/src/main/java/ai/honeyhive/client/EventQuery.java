package ai.honeyhive.client;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@code POST /events/export} query: the project, filters, an optional date range, the fields
 * to return, and which page of how many events. Build one with {@link #builder()}; every part is
 * checked as it is set or at {@link Builder#build()}, so an invalid query never reaches the API.
 */
public final class EventQuery {
  /** The API's largest page. */
  public static final int MAX_LIMIT = 7500;
  /** The page size when none is set, as the API's own default. */
  public static final int DEFAULT_LIMIT = 1000;

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The earliest and latest instants the API's {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} dates can carry. */
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  private final String project;
  private final List<EventFilter> filters;
  private final Instant from;
  private final Instant to;
  private final List<String> projections;
  private final int limit;
  private final int page;

  private EventQuery(Builder b) {
    this.project = b.project;
    this.filters = List.copyOf(b.filters);
    this.from = b.from;
    this.to = b.to;
    this.projections = b.projections == null ? null : List.copyOf(b.projections);
    this.limit = b.limit;
    this.page = b.page;
  }

  public static Builder builder() {
    return new Builder();
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

  public Builder toBuilder() {
    Builder b = new Builder().project(project).limit(limit).page(page);
    b.filters.addAll(filters);
    b.from = from;
    b.to = to;
    b.projections = projections == null ? null : new ArrayList<>(projections);
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

  /** Collects the parts of a query, checking each. */
  public static final class Builder {
    private String project;
    private final List<EventFilter> filters = new ArrayList<>();
    private Instant from;
    private Instant to;
    private List<String> projections;
    private int limit = DEFAULT_LIMIT;
    private int page = 1;

    private Builder() {}

    /** The project's name, e.g. {@code "New Project"}; required. */
    public Builder project(String project) {
      if (project == null || project.isBlank()) {
        throw new InvalidQueryException("project must not be blank: pass the HoneyHive project's name");
      }
      this.project = project.trim();
      return this;
    }

    public Builder filter(EventFilter filter) {
      filters.add(Objects.requireNonNull(filter, "filter"));
      return this;
    }

    /** A string filter, e.g. {@code filter("event_type", FilterOperator.IS, "model")}. */
    public Builder filter(String field, FilterOperator operator, String value) {
      return filter(EventFilter.of(field, operator, value));
    }

    /**
     * A filter in the API's own spelling, e.g. {@code filter("metadata.cost", "greater than",
     * "0.01", "number")}.
     *
     * @throws InvalidQueryException for an unknown operator or type
     */
    public Builder filter(String field, String operator, String value, String type) {
      return filter(EventFilter.parse(field, operator, value, type));
    }

    /**
     * Only events that started in {@code [from, to]}; either end may be null for open.
     *
     * @throws InvalidQueryException when {@code from} is after {@code to}, or either is outside
     *     the years 1 to 9999, which the API's dates cannot express
     */
    public Builder dateRange(Instant from, Instant to) {
      checkExpressible("from", from);
      checkExpressible("to", to);
      if (from != null && to != null && from.isAfter(to)) {
        throw new InvalidQueryException("dateRange: from (" + from + ") is after to (" + to + ")");
      }
      this.from = from;
      this.to = to;
      return this;
    }

    private static void checkExpressible(String which, Instant t) {
      if (t != null && (t.isBefore(EARLIEST) || t.isAfter(LATEST))) {
        throw new InvalidQueryException("dateRange: " + which + " (" + t + ") is outside what the API's dates"
            + " can express (" + EARLIEST + " to " + LATEST + "); for an open end pass null instead of"
            + " Instant.MIN or Instant.MAX");
      }
    }

    /** Return only these fields of each event, e.g. {@code "event_name", "inputs"}. */
    public Builder projections(String... fields) {
      return projections(Arrays.asList(fields));
    }

    public Builder projections(List<String> fields) {
      List<String> copy = new ArrayList<>();
      for (String f : Objects.requireNonNull(fields, "fields")) {
        if (f == null || f.isBlank()) {
          throw new InvalidQueryException("projections must be field names, but one is blank");
        }
        copy.add(f.trim());
      }
      this.projections = copy;
      return this;
    }

    /** Events per page, 1 to 7500; default 1000. */
    public Builder limit(int limit) {
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new InvalidQueryException("limit must be between 1 and " + MAX_LIMIT
            + " (the API's largest page), but was " + limit);
      }
      this.limit = limit;
      return this;
    }

    /** The page, from 1; default 1. */
    public Builder page(int page) {
      if (page < 1) {
        throw new InvalidQueryException("page must be 1 or more (pages count from 1), but was " + page);
      }
      this.page = page;
      return this;
    }

    /**
     * The query.
     *
     * @throws InvalidQueryException when no project was set
     */
    public EventQuery build() {
      if (project == null) {
        throw new InvalidQueryException("an export query needs a project: call project(\"<project name>\")");
      }
      return new EventQuery(this);
    }
  }
}
