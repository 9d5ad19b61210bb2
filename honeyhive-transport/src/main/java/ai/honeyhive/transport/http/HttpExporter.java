package ai.honeyhive.transport.http;

import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.ExportSettings;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.transport.export.EventExporter;
import ai.honeyhive.transport.export.ExportException;
import ai.honeyhive.transport.internal.ApiHttpClient;
import ai.honeyhive.transport.internal.ApiResponse;
import ai.honeyhive.transport.internal.JsonMappers;
import ai.honeyhive.transport.internal.RetryAfter;
import ai.honeyhive.transport.internal.RetryPolicy;
import ai.honeyhive.transport.internal.ServerMessages;
import ai.honeyhive.transport.internal.ThrottledLogger;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.BatchResponse;
import ai.honeyhive.transport.model.Event;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends sessions to the HoneyHive API: one {@code POST {apiUrl}/events/batch} per batch request,
 * with {@code Authorization: Bearer <key>}, up to {@code maxConcurrentRequests} at a time.
 *
 * <p>A request that fails with a network error, a timeout, 429 or 5xx is sent again after an
 * exponential backoff with jitter, or after the server's {@code Retry-After} when that is longer,
 * until {@code maxAttempts} attempts or {@code maxRetryElapsed} have been spent. When the API
 * answers 500 with the ids of the events it did create (its documented "events partially
 * created"), only the others are sent again, so no event is sent twice after the API accepted it.
 * Any other 4xx is not retried: it is logged (at most once a minute per status) with the server's
 * message and its events count as failed.
 *
 * <p>{@link #export} does its work on the calling thread, which a {@code BatchingSessionProcessor}
 * makes its own background thread; it never throws, and reports events it gave up on through an
 * {@link ExportException}. {@link #shutdown()} abandons requests in flight and pending retries.
 */
public final class HttpExporter implements EventExporter {
  static final String PATH = "/events/batch";
  private static final Logger LOG = LoggerFactory.getLogger(HttpExporter.class);
  /** Per instance, so that each exporter or processor says each thing once. */
  private final ThrottledLogger throttled = new ThrottledLogger(LOG);

  private final ApiHttpClient http;
  private final String apiKey;
  private final RetryPolicy retry;
  private final int maxConcurrent;
  private final Duration requestTimeout;
  private final AtomicLong retries = new AtomicLong();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Set<CompletableFuture<Void>> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private HttpExporter(Builder b) {
    this.apiKey = b.apiKey;
    this.http = new ApiHttpClient(b.apiUrl, b.apiKey, b.settings);
    this.retry = RetryPolicy.of(b.settings);
    this.maxConcurrent = b.settings.maxConcurrentRequests();
    this.requestTimeout = b.settings.requestTimeout();
  }

  /**
   * The exporter for a configuration's API key, URL and export settings.
   *
   * @throws ConfigurationException when the configuration has no API key
   */
  public static HttpExporter create(HoneyHiveConfig config) {
    String key = config.apiKey().orElseThrow(() -> new ConfigurationException(
        "Sending to the HoneyHive API needs an API key: set HH_API_KEY, -Dhoneyhive.api.key"
            + " or HoneyHiveConfig.builder().apiKey(...)"));
    return builder().apiKey(key).apiUrl(config.apiUrl()).settings(config.export()).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CompletableFuture<Void> export(Collection<BatchRequest> batches) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    running.add(done);
    try {
      Failures failures = send(batches);
      if (failures.events == 0) {
        done.complete(null);
      } else {
        done.completeExceptionally(new ExportException(failures.reason, failures.events));
      }
    } catch (RuntimeException e) {
      // a bug of ours must not reach the caller; count everything as failed
      throttled.error("export-bug", "HoneyHive: sending events failed unexpectedly", e);
      done.completeExceptionally(new ExportException(e.toString(), countEvents(batches)));
    } finally {
      running.remove(done);
    }
    return done;
  }

  /** Completes when every export running now has finished. */
  @Override
  public CompletableFuture<Void> flush() {
    return CompletableFuture.allOf(running.toArray(new CompletableFuture<?>[0]))
        .handle((v, e) -> null);
  }

  /** Abandons requests in flight and pending retries (their events count as failed), then closes the connections. */
  @Override
  public CompletableFuture<Void> shutdown() {
    closed = true;
    closing.countDown();
    http.close();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public long retryCount() {
    return retries.get();
  }

  /** Sends every batch, retrying as the policy allows; returns the events not delivered and why. */
  private Failures send(Collection<BatchRequest> batches) {
    List<Delivery> pending = new ArrayList<>(batches.size());
    for (BatchRequest b : batches) {
      pending.add(new Delivery(b));
    }
    Failures failed = new Failures();
    if (closed) {
      return giveUp(failed, pending, "the exporter is shut down", 0);
    }
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      Round round = new Round();
      for (int i = 0; i < pending.size(); i += maxConcurrent) {
        List<Delivery> wave = pending.subList(i, Math.min(pending.size(), i + maxConcurrent));
        if (closed || round.interrupted || i > 0 && elapsed(start).compareTo(retry.maxElapsed()) > 0) {
          for (Delivery d : wave) {
            round.retry(d, "no time was left to send them", null); // decided on below, with the rest
          }
          continue;
        }
        sendWave(wave, round, failed);
      }
      pending = round.again;
      if (pending.isEmpty()) {
        return failed;
      }
      if (closed) {
        return giveUp(failed, pending, "the exporter was shut down", attempt);
      }
      if (round.interrupted) {
        return giveUp(failed, pending, "the sending thread was interrupted", attempt);
      }
      if (attempt >= retry.maxAttempts()) {
        return giveUp(failed, pending, round.problem, attempt);
      }
      Duration delay = retry.nextDelay(attempt, round.serverAsked);
      if (elapsed(start).plus(delay).compareTo(retry.maxElapsed()) > 0) {
        String why = round.serverAsked != null && round.serverAsked.equals(delay)
            ? round.problem + "; the server asked to retry after " + delay.toSeconds() + " s"
            : round.problem;
        return giveUp(failed, pending, why + " (no retry time left within "
            + retry.maxElapsed().toMillis() + " ms)", attempt);
      }
      retries.addAndGet(pending.size());
      LOG.debug("HoneyHive: retrying {} requests in {} ms: {}", pending.size(), delay.toMillis(), round.problem);
      try {
        if (closing.await(delay.toNanos(), TimeUnit.NANOSECONDS)) {
          return giveUp(failed, pending, "the exporter was shut down", attempt);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return giveUp(failed, pending, "the sending thread was interrupted", attempt);
      }
    }
  }

  /** Sends up to maxConcurrent requests at once and sorts their outcomes into the round. */
  private void sendWave(List<Delivery> wave, Round round, Failures failed) {
    List<ApiHttpClient.Call> calls = new ArrayList<>(wave.size());
    for (Delivery d : wave) {
      try {
        calls.add(http.start("POST", PATH, d.body()));
      } catch (IllegalStateException closedMeanwhile) {
        calls.add(null);
      }
    }
    long deadline = System.nanoTime() + requestTimeout.toNanos();
    for (int i = 0; i < wave.size(); i++) {
      Delivery d = wave.get(i);
      ApiHttpClient.Call call = calls.get(i);
      if (call == null) {
        round.retry(d, "the exporter was shut down", null);
        continue;
      }
      ApiResponse response;
      try {
        response = call.await(deadline);
      } catch (TimeoutException e) {
        round.retry(d, "no complete response within " + requestTimeout.toMillis() + " ms", null);
        continue;
      } catch (IOException e) {
        round.retry(d, "network error: " + ServerMessages.clean(String.valueOf(e), apiKey), null);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        round.retry(d, "the sending thread was interrupted", null);
        round.interrupted = true; // whoever interrupted us wants this thread back: no more retries
        continue;
      }
      handle(d, response, round, failed);
    }
  }

  private void handle(Delivery d, ApiResponse r, Round round, Failures failed) {
    int status = r.status();
    if (r.isSuccess()) {
      return;
    }
    if (status == 500) {
      List<String> created = createdIds(r);
      if (created != null) {
        int before = d.request.events().size();
        if (d.dropCreated(created)) {
          return; // everything was created after all
        }
        LOG.debug("HoneyHive: the API created {} of {} events; re-sending the rest", before - d.request.events().size(), before);
        round.retry(d, "HTTP 500, events partially created: " + ServerMessages.of(r.body(), apiKey), null);
        return;
      }
    }
    if (r.isRetryable()) {
      String message = ServerMessages.of(r.body(), apiKey);
      round.retry(d, "HTTP " + status + (message == null ? "" : ": " + message),
          RetryAfter.parse(r.retryAfter(), Instant.now()));
      return;
    }
    String why = "HoneyHive: the API rejected " + count(d.request.events().size(), "event") + " of session "
        + d.request.sessionId() + " with HTTP " + status + ": "
        + describeRejection(status, ServerMessages.of(r.body(), apiKey))
        + ". They are not retried (counted as failed)";
    failed.add(d.request.events().size(), why);
    throttled.warn("rejected-" + status, why);
  }

  /** The ids a 500 "events partially created" lists, or null when the body is not that. */
  private static List<String> createdIds(ApiResponse r) {
    try {
      BatchResponse body = JsonMappers.mapper().readValue(r.body(), BatchResponse.class);
      return body == null ? null : body.eventIds();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String describeRejection(int status, String serverMessage) {
    String said = serverMessage == null ? "(no message)" : serverMessage;
    switch (status) {
      case 401:
        return said + " - the API key was not accepted: check HH_API_KEY (or -Dhoneyhive.api.key)";
      case 403:
        return said + " - the API key may not write to this project: check HH_API_KEY and HH_PROJECT";
      case 404:
        return said + " - no such endpoint: check HH_API_URL";
      case 413:
        return said + " - the request was too large: lower HH_BATCH_MAX_BYTES";
      default:
        return status >= 300 && status < 400 ? said + " - the API redirected: check HH_API_URL" : said;
    }
  }

  private Failures giveUp(Failures failed, List<Delivery> pending, String problem, int attempts) {
    int events = 0;
    for (Delivery d : pending) {
      events += d.request.events().size();
    }
    String why = "HoneyHive: gave up sending " + count(events, "event") + " (" + count(pending.size(), "request")
        + ") after " + count(attempts, "attempt") + ": " + problem + ". They are counted as failed";
    failed.add(events, why);
    throttled.warn("give-up", why);
    return failed;
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static int countEvents(Collection<BatchRequest> batches) {
    int n = 0;
    for (BatchRequest b : batches) {
      n += b.events().size();
    }
    return n;
  }

  @Override
  public String toString() {
    return "HttpExporter[" + http.endpoint(PATH) + "]";
  }

  /** One request body on its way, narrowed when the API reports some of its events created. */
  private static final class Delivery {
    BatchRequest request;
    private byte[] body;

    Delivery(BatchRequest request) {
      this.request = request;
    }

    byte[] body() {
      if (body == null) {
        try {
          body = JsonMappers.mapper().writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException("a batch could not be serialized: " + e.getOriginalMessage(), e);
        }
      }
      return body;
    }

    /** Keeps only the events not created; true when none is left. */
    boolean dropCreated(List<String> createdIds) {
      Set<String> created = new HashSet<>(createdIds);
      List<Event> rest = new ArrayList<>();
      for (Event e : request.events()) {
        if (e.eventId() == null || !created.contains(e.eventId())) {
          rest.add(e);
        }
      }
      if (rest.size() != request.events().size()) {
        request = new BatchRequest(rest, request.isSingleSession(), request.sessionProperties());
        body = null;
      }
      return rest.isEmpty();
    }
  }

  /** The events an export could not deliver, and the last reason. */
  private static final class Failures {
    int events;
    String reason;

    void add(int n, String why) {
      events += n;
      reason = why;
    }
  }

  /** What one attempt at a set of deliveries came to. */
  private static final class Round {
    final List<Delivery> again = new ArrayList<>();
    boolean interrupted;
    String problem = "";
    Duration serverAsked;

    void retry(Delivery d, String why, Duration retryAfter) {
      again.add(d);
      problem = why;
      if (retryAfter != null && (serverAsked == null || retryAfter.compareTo(serverAsked) > 0)) {
        serverAsked = retryAfter;
      }
    }
  }

  /** The API key, URL and settings of an {@link HttpExporter}. */
  public static final class Builder {
    private String apiKey;
    private URI apiUrl = HoneyHiveConfig.DEFAULT_API_URL;
    private ExportSettings settings = ExportSettings.defaults();

    private Builder() {}

    /** The HoneyHive API key; required. */
    public Builder apiKey(String apiKey) {
      if (apiKey == null || apiKey.isBlank()) {
        throw new ConfigurationException("apiKey must not be blank: pass your HoneyHive API key");
      }
      this.apiKey = apiKey.trim();
      return this;
    }

    /** The API's base URL; default {@code https://api.honeyhive.ai}. */
    public Builder apiUrl(URI apiUrl) {
      Objects.requireNonNull(apiUrl, "apiUrl");
      String scheme = apiUrl.getScheme();
      if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || apiUrl.getHost() == null) {
        throw new ConfigurationException("apiUrl must be an http or https URL with a host, but was '"
            + apiUrl + "'; use the form https://api.honeyhive.ai");
      }
      this.apiUrl = apiUrl;
      return this;
    }

    /** Timeouts, concurrency and retries; default {@link ExportSettings#defaults()}. */
    public Builder settings(ExportSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    public HttpExporter build() {
      if (apiKey == null) {
        throw new ConfigurationException("HttpExporter needs an API key: call apiKey(...)");
      }
      return new HttpExporter(this);
    }
  }
}
