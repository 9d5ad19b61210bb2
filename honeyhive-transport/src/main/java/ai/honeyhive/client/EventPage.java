package ai.honeyhive.client;

import ai.honeyhive.transport.model.Event;
import java.util.List;

/**
 * One page of a {@code POST /events/export} result.
 *
 * @param events the page's events, in the API's order
 * @param totalEvents how many events match the query in all, or -1 when the API did not say
 * @param page the page number, from 1
 * @param limit the page size asked for
 */
public record EventPage(List<Event> events, long totalEvents, int page, int limit) {

  public EventPage {
    events = List.copyOf(events);
  }

  /** Whether a later page may hold more events. */
  public boolean hasNextPage() {
    if (events.size() < limit) {
      return false;
    }
    return totalEvents < 0 || (long) page * limit < totalEvents;
  }
}
