package ai.honeyhive.client;

import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.transport.internal.ApiHttpClient;
import ai.honeyhive.transport.internal.ApiResponse;
import ai.honeyhive.transport.internal.JsonMappers;
import ai.honeyhive.transport.internal.Deadlines;
import ai.honeyhive.transport.internal.Outcome;
import ai.honeyhive.transport.internal.RetryLoop;
import ai.honeyhive.transport.internal.RetryPolicy;
import ai.honeyhive.transport.internal.ServerMessages;
import ai.honeyhive.transport.model.Event;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Set;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads traces back from the HoneyHive API: events matching a query ({@code POST /events/export})
 * page by page or all of them, and one session ({@code GET /session/{session_id}}).
 *
 * <p>It uses the same configuration as the tracer (API key, URL, timeouts, retries), and the same
 * retry loop as the exporter: an attempt that fails with a network error, gets no complete
 * response within the request timeout, or is answered 429 or 5xx is tried again after a backoff
 * with jitter or the server's {@code Retry-After}, while attempts and the retry budget last; 401,
 * 403 and other 4xx are not retried. Each call blocks its caller until it has an outcome, at most
 * the retry budget plus one request timeout. Responses are read leniently: unknown fields are
 * ignored and times are accepted as epoch milliseconds or as date strings. A call that fails for
 * good throws an {@link ApiException} with the status and the server's message. The client holds
 * a connection pool: share one, and {@link #close()} it when done.
 */
public final class HoneyHiveClient implements AutoCloseable {
  private static final long BACKSTOP_SLACK_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final ApiHttpClient http;
  private final String apiKey;
  private final RetryPolicy retry;
  /** The calls in progress, so that {@link #close()} can end one waiting for its next attempt. */
  private final Set<Exchange> live = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;

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

  /** Ends the calls in progress (they throw {@link ApiException}) and closes the connection pool. Idempotent. */
  @Override
  public void close() {
    closing = true;
    for (Exchange e : live) {
      e.abandon("the client is closed");
    }
    http.close();
  }

  @Override
  public String toString() {
    return "HoneyHiveClient[" + http.endpoint("") + "]";
  }

  /**
   * Sends, retrying as the policy allows, and waits for the outcome on the caller's thread: the
   * user asked to read, so this call may block. Returns a 2xx response or throws.
   */
  private ApiResponse call(String method, String path, byte[] body) {
    Exchange exchange = new Exchange(method, path, body);
    live.add(exchange);
    try {
      exchange.start();
      return await(exchange);
    } finally {
      live.remove(exchange);
    }
  }

  private ApiResponse await(Exchange exchange) {
    // the loop ends itself within its budget and one more attempt; this bound is only a backstop
    long backstop = Deadlines.nanos(retry.maxElapsed()) + Deadlines.nanos(retry.attemptTimeout()) + BACKSTOP_SLACK_NANOS;
    try {
      return exchange.result.get(backstop, TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      // thrown again here so that its stack shows the caller, not the HTTP client's threads
      if (e.getCause() instanceof ApiException a) {
        throw new ApiException(a.request(), a.status(), a.serverMessage().orElse(null), a.getMessage(), a.getCause());
      }
      throw new ApiException(exchange.request, 0, null, exchange.request + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      exchange.abandon("no outcome within the retry budget");
      throw new ApiException(exchange.request, 0, null, exchange.request
          + " had no outcome within HH_RETRY_MAX_ELAPSED_MS and HH_HTTP_REQUEST_TIMEOUT_MS", e);
    } catch (InterruptedException e) {
      exchange.abandon("interrupted");
      Thread.currentThread().interrupt();
      throw new ApiException(exchange.request, 0, null, exchange.request + " was interrupted", e);
    }
  }

  /** One call to the API, in the one retry loop the exporter uses too; its result is the 2xx response or an {@link ApiException}. */
  private final class Exchange extends RetryLoop {
    final CompletableFuture<ApiResponse> result = new CompletableFuture<>();
    final String request;
    private final String method;
    private final String path;
    private final byte[] body;

    Exchange(String method, String path, byte[] body) {
      super(http, retry, apiKey);
      this.request = method + " " + path;
      this.method = method;
      this.path = path;
      this.body = body;
    }

    @Override
    protected ApiHttpClient.AsyncCall send() {
      return http.send(method, path, body);
    }

    @Override
    protected String stoppedReason() {
      return closing || http.isClosed() ? "the client is closed" : null;
    }

    @Override
    protected void succeeded(ApiResponse response) {
      result.complete(response);
    }

    @Override
    protected void refused(Outcome o) {   // KEY_REJECTED or REJECTED: hint() says which
      result.completeExceptionally(new ApiException(request, o.status(), o.serverMessage(),
          request + " failed with " + o.problem() + hint(o.status()), null));
    }

    @Override
    protected void gaveUp(String problem, Outcome last) {
      int attempts = attempts();
      String message = attempts == 0 ? request + ": " + problem
          : request + " failed after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + problem;
      result.completeExceptionally(new ApiException(request, last == null ? 0 : last.status(),
          last == null ? null : last.serverMessage(), message, last == null ? null : last.failure()));
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
