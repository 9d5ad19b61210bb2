package ai.honeyhive.client;

import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.transport.internal.ApiHttpClient;
import ai.honeyhive.transport.internal.ApiResponse;
import ai.honeyhive.transport.internal.JsonMappers;
import ai.honeyhive.transport.internal.RetryAfter;
import ai.honeyhive.transport.internal.RetryPolicy;
import ai.honeyhive.transport.internal.ServerMessages;
import ai.honeyhive.transport.model.Event;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads traces back from the HoneyHive API: events matching a query ({@code POST /events/export})
 * page by page or all of them, and one session ({@code GET /session/{session_id}}).
 *
 * <p>It uses the same configuration as the tracer (API key, URL, timeouts, retries): calls that
 * fail with a network error, 429 or 5xx are retried as the exporter's are, honouring
 * {@code Retry-After}. Responses are read leniently: unknown fields are ignored and times are
 * accepted as epoch milliseconds or as date strings. A call that fails for good throws an
 * {@link ApiException} with the status and the server's message. The client holds a connection
 * pool: share one, and {@link #close()} it when done.
 */
public final class HoneyHiveClient implements AutoCloseable {
  private final ApiHttpClient http;
  private final String apiKey;
  private final RetryPolicy retry;

  private HoneyHiveClient(HoneyHiveConfig config, String apiKey) {
    this.apiKey = apiKey;
    this.http = new ApiHttpClient(config.apiUrl(), apiKey, config.export());
    this.retry = RetryPolicy.of(config.export());
  }

  /** A client configured from system properties and the environment ({@code HH_API_KEY}, ...). */
  public static HoneyHiveClient create() {
    return create(HoneyHiveConfig.fromEnvironment());
  }

  /**
   * A client for the configuration's API key and URL.
   *
   * @throws ConfigurationException when no API key is configured
   */
  public static HoneyHiveClient create(HoneyHiveConfig config) {
    String key = config.apiKey().orElseThrow(() -> new ConfigurationException(
        "HoneyHiveClient needs an API key: set HH_API_KEY, -Dhoneyhive.api.key"
            + " or HoneyHiveConfig.builder().apiKey(...)"));
    return new HoneyHiveClient(config, key);
  }

  /**
   * One page of the events matching {@code query}.
   *
   * @throws ApiException when the API refuses the query or cannot be reached
   */
  public EventPage queryEvents(EventQuery query) {
    Objects.requireNonNull(query, "query");
    byte[] body;
    try {
      body = JsonMappers.mapper().writeValueAsBytes(query.toRequestBody());
    } catch (JsonProcessingException e) {
      throw new InvalidQueryException("the query could not be written as JSON: " + e.getOriginalMessage());
    }
    ApiResponse r = call("POST", "/events/export", body);
    ExportResponse parsed = read(r, ExportResponse.class, "POST /events/export");
    List<Event> events = parsed == null || parsed.events() == null ? List.of() : parsed.events();
    long total = parsed == null || parsed.totalEvents() == null ? -1 : parsed.totalEvents();
    return new EventPage(events, total, query.page(), query.limit());
  }

  /**
   * Every page of the events matching {@code query}, from its page on, each fetched when the
   * iterator gets to it. Iteration throws {@link ApiException} if a page cannot be fetched.
   */
  public Iterator<EventPage> pages(EventQuery query) {
    Objects.requireNonNull(query, "query");
    return new PageIterator(query);
  }

  /**
   * Every event matching {@code query}, from its page on, fetched a page at a time as the stream
   * is consumed.
   */
  public Stream<Event> streamEvents(EventQuery query) {
    Iterator<EventPage> pages = pages(query);
    Spliterator<EventPage> split = Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL);
    return StreamSupport.stream(split, false).flatMap(p -> p.events().stream());
  }

  /**
   * The session with this id, as the API returns it: its root event.
   *
   * @throws ApiException with status 404 when there is no such session
   */
  public Event getSession(String sessionId) {
    if (sessionId == null || sessionId.isBlank()) {
      throw new IllegalArgumentException("sessionId must not be blank");
    }
    String path = "/session/" + URLEncoder.encode(sessionId.trim(), StandardCharsets.UTF_8).replace("+", "%20");
    ApiResponse r = call("GET", path, null);
    Event e = read(r, Event.class, "GET /session/{session_id}");
    if (e == null) {
      throw new ApiException("GET " + path, r.status(), null,
          "GET " + path + " returned no session", null);
    }
    return e;
  }

  /** Closes the connection pool. Idempotent. */
  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "HoneyHiveClient[" + http.endpoint("") + "]";
  }

  /** Sends, retrying as the policy allows; returns a 2xx response or throws. */
  private ApiResponse call(String method, String path, byte[] body) {
    String request = method + " " + path;
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      ApiResponse r = null;
      String problem;
      Throwable cause = null;
      Duration serverAsked = null;
      try {
        r = http.call(method, path, body);
        ApiResponse.Verdict verdict = r.verdict();
        if (verdict == ApiResponse.Verdict.SUCCESS) {
          return r;
        }
        String said = ServerMessages.of(r.body(), apiKey);
        if (verdict != ApiResponse.Verdict.RETRY) {   // KEY_REJECTED or REJECTED: hint() says which
          throw new ApiException(request, r.status(), said, request + " failed with HTTP " + r.status()
              + (said == null ? "" : ": " + said) + hint(r.status()), null);
        }
        problem = "HTTP " + r.status() + (said == null ? "" : ": " + said);
        serverAsked = RetryAfter.parse(r.retryAfter(), Instant.now());
      } catch (TimeoutException e) {
        problem = "no complete response within the request timeout (HH_HTTP_REQUEST_TIMEOUT_MS)";
        cause = e;
      } catch (IOException e) {
        problem = "network error: " + ServerMessages.clean(e.toString(), apiKey);
        cause = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiException(request, 0, null, request + " was interrupted", e);
      } catch (IllegalStateException e) {
        throw new ApiException(request, 0, null, request + ": the client is closed", null);
      }
      Duration delay = retry.nextDelay(attempt, serverAsked);
      boolean outOfTime = Duration.ofNanos(System.nanoTime() - start).plus(delay).compareTo(retry.maxElapsed()) > 0;
      if (attempt >= retry.maxAttempts() || outOfTime) {
        int status = r == null ? 0 : r.status();
        String said = r == null ? null : ServerMessages.of(r.body(), apiKey);
        throw new ApiException(request, status, said, request + " failed after " + attempt
            + (attempt == 1 ? " attempt: " : " attempts: ") + problem, cause);
      }
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiException(request, 0, null, request + " was interrupted", e);
      }
    }
  }

  private <T> T read(ApiResponse r, Class<T> type, String request) {
    if (r.body() == null || r.body().length == 0) {
      return null;
    }
    try {
      return JsonMappers.mapper().readValue(r.body(), type);
    } catch (IOException e) {
      throw new ApiException(request, r.status(), null, request + " returned a body that could not be read: "
          + ServerMessages.clean(e.getMessage() == null ? e.toString() : e.getMessage(), apiKey), null);
    }
  }

  private static String hint(int status) {
    switch (status) {
      case 401:
        return " (the API key was not accepted: check HH_API_KEY)";
      case 403:
        return " (the API key may not read this project: check HH_API_KEY and the project name)";
      case 404:
        return " (not found: check the id, the project and HH_API_URL)";
      default:
        return "";
    }
  }

  /** The body of a {@code POST /events/export} response. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ExportResponse(
      @JsonProperty("events") List<Event> events,
      @JsonProperty("totalEvents") Long totalEvents) {}

  /** Walks pages until one says there are no more. */
  private final class PageIterator implements Iterator<EventPage> {
    private EventQuery next;
    private String previousFirstId;

    PageIterator(EventQuery first) {
      this.next = first;
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public EventPage next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      EventPage page = queryEvents(next);
      String firstId = page.events().isEmpty() ? null : page.events().get(0).eventId();
      // a server that ignores "page" would hand out the same page for ever: stop at a repeat
      boolean repeated = firstId != null && firstId.equals(previousFirstId);
      previousFirstId = firstId;
      next = page.hasNextPage() && !repeated && page.page() < Integer.MAX_VALUE ? next.withPage(page.page() + 1) : null;
      return page;
    }
  }
}
