package ai.honeyhive.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Collects the parts of an {@link EventQuery}, checking each as it is set, so that a query the API
 * would reject is never built; made by {@link EventQuery#builder()}.
 */
public final class EventQueryBuilder {
  private String project;
  private final List<EventFilter> filters = new ArrayList<>();
  private Instant from;
  private Instant to;
  private List<String> projections;
  private int limit = EventQuery.DEFAULT_LIMIT;
  private int page = 1;

  EventQueryBuilder() {}

  /** The project's name, e.g. {@code "New Project"}; required. */
  public EventQueryBuilder project(String project) {
    if (project == null || project.isBlank()) {
      throw new InvalidQueryException("project must not be blank: pass the HoneyHive project's name");
    }
    this.project = project.trim();
    return this;
  }

  public EventQueryBuilder filter(EventFilter filter) {
    filters.add(Objects.requireNonNull(filter, "filter"));
    return this;
  }

  /** A string filter, e.g. {@code filter("event_type", FilterOperator.IS, "model")}. */
  public EventQueryBuilder filter(String field, FilterOperator operator, String value) {
    return filter(EventFilter.of(field, operator, value));
  }

  /**
   * A filter in the API's own spelling, e.g. {@code filter("metadata.cost", "greater than",
   * "0.01", "number")}.
   *
   * @throws InvalidQueryException for an unknown operator or type
   */
  public EventQueryBuilder filter(String field, String operator, String value, String type) {
    return filter(EventFilter.parse(field, operator, value, type));
  }

  /**
   * Only events that started in {@code [from, to]}; either end may be null for open.
   *
   * @throws InvalidQueryException when {@code from} is after {@code to}, or either is outside
   *     the years 1 to 9999, which the API's dates cannot express
   */
  public EventQueryBuilder dateRange(Instant from, Instant to) {
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
    if (t != null && (t.isBefore(EventQuery.EARLIEST) || t.isAfter(EventQuery.LATEST))) {
      throw new InvalidQueryException("dateRange: " + which + " (" + t + ") is outside what the API's dates"
          + " can express (" + EventQuery.EARLIEST + " to " + EventQuery.LATEST + ");"
          + " for an open end pass null instead of"
          + " Instant.MIN or Instant.MAX");
    }
  }

  /** Return only these fields of each event, e.g. {@code "event_name", "inputs"}. */
  public EventQueryBuilder projections(String... fields) {
    return projections(Arrays.asList(fields));
  }

  public EventQueryBuilder projections(List<String> fields) {
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
  public EventQueryBuilder limit(int limit) {
    if (limit < 1 || limit > EventQuery.MAX_LIMIT) {
      throw new InvalidQueryException("limit must be between 1 and " + EventQuery.MAX_LIMIT
          + " (the API's largest page), but was " + limit);
    }
    this.limit = limit;
    return this;
  }

  /** The page, from 1; default 1. */
  public EventQueryBuilder page(int page) {
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
    return new EventQuery(project, filters, from, to, projections, limit, page);
  }
}
