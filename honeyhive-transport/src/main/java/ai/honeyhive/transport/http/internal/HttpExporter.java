package ai.honeyhive.transport.http.internal;

import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.ExportSettings;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.transport.export.EventExporter;
import ai.honeyhive.transport.export.ExportException;
import ai.honeyhive.transport.export.internal.DeliveryHints;
import ai.honeyhive.transport.internal.ApiHttpClient;
import ai.honeyhive.transport.internal.ApiResponse;
import ai.honeyhive.transport.internal.Deadlines;
import ai.honeyhive.transport.internal.JsonMappers;
import ai.honeyhive.transport.internal.Outcome;
import ai.honeyhive.transport.internal.RetryLoop;
import ai.honeyhive.transport.internal.RetryPolicy;
import ai.honeyhive.transport.internal.ServerMessages;
import ai.honeyhive.transport.internal.ThrottledLogger;
import ai.honeyhive.transport.internal.WireFormat;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.internal.BatchResponse;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends sessions to the HoneyHive API: {@code POST {apiUrl}/events/batch} with
 * {@code Authorization: Bearer <key>}.
 *
 * <p><b>Form.</b> In the default {@link ExportSettings.BatchForm#MULTI_SESSION} form, all batches
 * of one {@link #export} call go in one request with {@code is_single_session: false}, each
 * session announced by an event of type {@code session} (see {@link MultiSessionBody}). In the
 * {@link ExportSettings.BatchForm#SINGLE_SESSION} form each batch is its own request with
 * {@code is_single_session: true} and its {@code session_properties}.
 *
 * <p><b>Independent requests.</b> {@link #export} never blocks: it starts the request on the
 * HTTP client's I/O thread and returns a future for its outcome. Each request has its own
 * deadline ({@code requestTimeout}, cut then) and its own retry budget counted from its own first
 * attempt, in the {@link RetryLoop} the read client uses too: a request that fails with a network
 * error, a cut, 429 or 5xx is sent again after an
 * exponential backoff with jitter, or after the server's {@code Retry-After} when that is longer
 * (capped by the time left), until {@code maxAttempts} attempts or {@code maxRetryElapsed} have
 * been spent. One slow or hung request delays nothing but itself; how many run at once is the
 * caller's business ({@link #maxConcurrentExports()} says how many the connection pool holds).
 * When the API answers 500 with the ids of the events it did create (its documented "events
 * partially created"), only the others are sent again.
 *
 * <p><b>A rejected key.</b> After a 401 or 403 the exporter stops sending: it says once what to
 * check, fails every request without sending it (those events count as rejected), and after
 * {@code authRetryDelay} lets a single request through as a probe; when the API accepts it,
 * sending resumes. Any other 4xx is not retried: it is logged (at most once a minute per status)
 * with the server's message and its events count as failed.
 *
 * <p><b>Exit.</b> {@link #finishWithin} (called by the processor at shutdown) says by when
 * everything must be done. A request still unanswered then is either slow (the server has the
 * batch and will create its events) or hung (it never will). Cutting it and sending it once more
 * saves a hung request, which is otherwise lost; but the API creates the events of a slow one
 * twice, as it does not de-duplicate by event id. Cutting every request at half the time left, as
 * this exporter once did, cut a slow API's requests sent late in the budget every time. So a
 * request is cut only when waiting longer would leave no time for one more attempt: at the end of
 * the budget less a reserve of twice the typical round trip (the longest of the last few
 * successful requests, start to answer; 1 s before any, see {@link RoundTrips}), at least
 * {@link #MIN_RESERVE_NANOS}, at most half the budget. And only if by then it has waited at least
 * a typical round trip (or half the reserve, when the budget is short for the round trip): one
 * sent more recently is most likely still being answered, and would be done before a resend could
 * be, so it runs to the end of the budget, as does a resend. When a success changes the estimate,
 * the cuts of the requests in flight are set again. What is left: a request still unanswered at
 * the reserve point after a typical round trip, but merely slow, is created twice; one that hangs
 * after it was sent within a typical round trip of the reserve point is lost. Waits before
 * retries shrink to at most a quarter of the time left. {@link #shutdown()} abandons requests in
 * flight and pending retries.
 *
 * <p>Not public API.
 */
public final class HttpExporter implements EventExporter, DeliveryHints {
  static final String PATH = "/events/batch";
  private static final Logger LOG = LoggerFactory.getLogger(HttpExporter.class);
  private static final ObjectWriter WRITER = JsonMappers.mapper().writer();
  /**
   * Least time kept at exit for one more attempt (a fresh connection, the body, the answer), unless
   * the budget is shorter: against a fast API twice its round trip would leave too little on a
   * loaded machine.
   */
  static final long MIN_RESERVE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  /** Per instance, so that each exporter or processor says each thing once. */
  private final ThrottledLogger throttled = new ThrottledLogger(LOG);

  private final ApiHttpClient http;
  /** Null for {@code POST /events/batch} JSON. */
  private final WireFormat wire;
  private final String apiKey;
  private final RetryPolicy retry;
  private final int maxConcurrent;
  private final Duration requestTimeout;
  private final long authRetryDelayNanos;
  private final ExportSettings.BatchForm form;
  private final long maxRequestBytes;
  private final RoundTrips roundTrips;
  private final AtomicLong retries = new AtomicLong();
  private final Set<Delivery> live = ConcurrentHashMap.newKeySet();
  private final Set<CompletableFuture<Void>> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  /** {@code System.nanoTime()} by which everything must be done; meaningful once {@link #finishing}. */
  private volatile long finishBy;
  /** The budget {@link #finishWithin} was given, in nanoseconds. */
  private volatile long finishBudget;
  private volatile boolean finishing;
  /** Set while a task that sets the cuts again (after the typical round trip changed at exit) waits to run. */
  private final AtomicBoolean rearming = new AtomicBoolean();

  /** Set from the first 401/403 until a probe is accepted. */
  private volatile boolean keyRejected;
  /** When the next probe may go, while the key is rejected. */
  private volatile long probeAt;
  private final AtomicBoolean probing = new AtomicBoolean();

  private HttpExporter(Builder b) {
    this.apiKey = b.apiKey;
    this.wire = b.wire;
    this.http = b.wire == null ? new ApiHttpClient(b.apiUrl, b.apiKey, b.settings)
        : new ApiHttpClient(b.apiUrl, b.apiKey, b.settings, b.wire.headers());
    this.retry = RetryPolicy.of(b.settings);
    this.maxConcurrent = b.settings.maxConcurrentRequests();
    this.requestTimeout = b.settings.requestTimeout();
    this.authRetryDelayNanos = b.settings.authRetryDelay().toNanos();
    this.form = b.settings.batchForm();
    this.maxRequestBytes = b.settings.maxBatchBytes();
    this.roundTrips = new RoundTrips(requestTimeout);
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

  /**
   * Starts sending and returns at once. In the multi-session form the batches go as one request;
   * in the single-session form each batch is its own request, all started together.
   */
  @Override
  public CompletableFuture<Void> export(Collection<BatchRequest> batches) {
    List<Delivery> deliveries = new ArrayList<>();
    try {
      if (form == ExportSettings.BatchForm.MULTI_SESSION) {
        if (!batches.isEmpty()) {
          combine(new ArrayList<>(batches), deliveries);
        }
      } else {
        for (BatchRequest b : batches) {
          deliveries.add(new Delivery(b));
        }
      }
    } catch (RuntimeException e) {
      // a bug of ours must not reach the caller; count everything as failed
      throttled.error("export-bug", "HoneyHive: preparing a request failed unexpectedly", e);
      return CompletableFuture.failedFuture(new ExportException(e.toString(), countEvents(batches)));
    }
    if (deliveries.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    running.add(done);
    done.whenComplete((v, e) -> running.remove(done));
    CompletableFuture<?>[] each = new CompletableFuture<?>[deliveries.size()];
    for (int i = 0; i < each.length; i++) {
      Delivery d = deliveries.get(i);
      each[i] = d.result;
      d.start();
    }
    CompletableFuture.allOf(each).whenComplete((v, ignored) -> {
      int failed = 0;
      int rejected = 0;
      String reason = null;
      for (Delivery d : deliveries) {
        failed += d.failedEvents;
        rejected += d.rejectedEvents;
        reason = d.failedEvents > 0 ? d.failure : reason;
      }
      if (failed == 0) {
        done.complete(null);
      } else {
        done.completeExceptionally(new ExportException(reason, failed, rejected));
      }
    });
    return done;
  }

  /**
   * One request for the batches, serialized here (once, on the caller's thread); in the rare case
   * that the caller's size estimate was short (text outside ASCII takes up to three bytes a
   * character) and the body passes the byte limit, the batches are halved into two requests.
   */
  private void combine(List<BatchRequest> batches, List<Delivery> out) {
    Delivery d = new Delivery(MultiSessionBody.combine(batches));
    if (batches.size() > 1 && d.body().length > maxRequestBytes) {
      int half = batches.size() / 2;
      combine(batches.subList(0, half), out);
      combine(batches.subList(half, batches.size()), out);
      return;
    }
    out.add(d);
  }

  /** The connection pool's size: so many requests can be in flight at once, each on its own. */
  @Override
  public int maxConcurrentExports() {
    return maxConcurrent;
  }

  /** In the single-session form each batch is a request of its own, so it should come alone. */
  @Override
  public boolean oneBatchPerCall() {
    return form == ExportSettings.BatchForm.SINGLE_SESSION;
  }

  @Override
  public void finishWithin(Duration budget) {
    long nanos = Deadlines.nanos(budget);
    finishBudget = nanos;
    finishBy = System.nanoTime() + nanos;
    finishing = true;
    for (Delivery d : live) {
      d.hurry();
    }
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
    for (Delivery d : live) {
      d.abandon("the exporter was shut down");
    }
    http.close(); // and its timer: no wait or cut fires after this
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public long retryCount() {
    return retries.get();
  }

  /**
   * When, at exit, an attempt started at {@code start} is cut (all times {@code System.nanoTime()}
   * values, {@code typical} the typical successful round trip): at {@code finishBy} less a reserve
   * for one more attempt (twice the typical round trip, at least {@link #MIN_RESERVE_NANOS}, at
   * most half the budget), if by then it has been unanswered for at least a typical round trip
   * (or half the reserve, if less); otherwise not before {@code finishBy}. See the class comment
   * for why.
   */
  static long exitDeadline(long start, long finishBy, long budget, long typical) {
    long reserve = Math.min(Math.max(2 * typical, MIN_RESERVE_NANOS), budget / 2);
    long cutAt = finishBy - reserve;
    return cutAt - start >= Math.min(typical, reserve / 2) ? cutAt : finishBy;
  }

  /** After the typical round trip changed at exit, sets the cut of every attempt in flight again. */
  private void rearmCuts() {
    if (!rearming.compareAndSet(false, true)) {
      return;
    }
    try {
      // on the timer's thread: never under the lock of the delivery whose answer changed the estimate
      http.timer().execute(() -> {
        rearming.set(false);
        for (Delivery d : live) {
          d.rearmCut();
        }
      });
    } catch (RejectedExecutionException shutDown) {
      rearming.set(false);
    }
  }

  /** Says once, clearly, that the key was rejected and what to check; never the key itself. */
  private void keyWasRejected(int status, String serverMessage) {
    probeAt = System.nanoTime() + authRetryDelayNanos;
    if (!keyRejected) {
      keyRejected = true;
      LOG.warn("HoneyHive: the API answered HTTP {}{} - {}. Sending is paused: sessions are dropped and"
              + " counted in ExportStats.rejected; one request will try again every {} s.",
          status, serverMessage == null ? "" : " (" + serverMessage + ")",
          status == 401 ? "the API key was not accepted: check HH_API_KEY (or -Dhoneyhive.api.key)"
              : "the API key may not write to this project: check HH_API_KEY and HH_PROJECT",
          TimeUnit.NANOSECONDS.toSeconds(authRetryDelayNanos));
    }
  }

  private void keyWasAccepted() {
    if (keyRejected) {
      keyRejected = false;
      LOG.warn("HoneyHive: the API accepted the key again; sending resumed");
    }
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

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
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
    return "HttpExporter[" + http.endpoint(wire == null ? PATH : wire.path()) + "]";
  }

  /**
   * One request with its own attempts, deadline and retry budget (the {@link RetryLoop}), narrowed
   * when the API reports some of its events created. Its result completes once: delivered, or
   * given up on.
   */
  private final class Delivery extends RetryLoop {
    final CompletableFuture<Void> result = new CompletableFuture<>();
    private BatchRequest request;
    private byte[] body;
    private boolean probe;
    int failedEvents;
    int rejectedEvents;
    String failure;

    Delivery(BatchRequest request) {
      super(http, retry, apiKey);
      this.request = request;
    }

    /** No attempt while the key is rejected, but for one probe every {@code authRetryDelay}. */
    @Override
    protected boolean beforeAttempt() {
      if (keyRejected) {
        if (System.nanoTime() - probeAt < 0 || !probing.compareAndSet(false, true)) {
          reject("the API rejected the key; a probe request tries again every "
              + TimeUnit.NANOSECONDS.toSeconds(authRetryDelayNanos) + " s");
          return false;
        }
        probe = true;
      }
      live.add(this);
      return true;
    }

    @Override
    protected ApiHttpClient.AsyncCall send() {
      try {
        return wire == null ? http.send("POST", PATH, body())
            : http.send("POST", wire.path(), body(), wire.contentType());
      } catch (IllegalStateException closedMeanwhile) {
        throw closedMeanwhile;
      } catch (RuntimeException e) {
        throttled.error("export-bug", "HoneyHive: a request could not be started", e);
        throw e;
      }
    }

    /** Its own timeout, or at exit, the {@link #exitDeadline} for the typical round trip known now. */
    @Override
    protected long attemptDeadline(long start) {
      long deadline = start + requestTimeout.toNanos();
      if (finishing) {
        long exit = exitDeadline(start, finishBy, finishBudget, roundTrips.typical());
        deadline = Math.min(deadline, Math.max(start + RetryPolicy.MIN_ATTEMPT_NANOS, exit));
      }
      return deadline;
    }

    /** At exit no wait goes past the shutdown's deadline, and waits shrink: there is no later. */
    @Override
    protected RetryPolicy.Budget budget(long firstAttempt) {
      RetryPolicy.Budget own = super.budget(firstAttempt);
      return finishing ? new RetryPolicy.Budget(Math.min(own.endNanos(), finishBy), true, "the shutdown timeout") : own;
    }

    @Override
    protected String stoppedReason() {
      return closed ? "the exporter was shut down" : null;
    }

    /** Learns from the answer: the round trip, whether the key is accepted, which events a 500 created. */
    @Override
    protected Outcome review(Outcome o, long roundTripNanos) {
      endProbe();
      ApiResponse r = o.response();
      if (r == null) {
        return o; // no answer says nothing about the key
      }
      if (o.verdict() == ApiResponse.Verdict.SUCCESS) {
        if (roundTrips.record(roundTripNanos) && finishing) {
          rearmCuts();
        }
        keyWasAccepted();
        return o;
      }
      if (o.verdict() == ApiResponse.Verdict.KEY_REJECTED) {
        keyWasRejected(r.status(), o.serverMessage());
        return o;
      }
      keyWasAccepted(); // any other answer means the key itself was fine
      if (r.status() == 500 && wire == null) {
        List<String> created = createdIds(r);
        if (created != null) {
          int before = realEvents();
          if (dropCreated(created)) {
            return o.asSuccess(); // everything was created after all
          }
          LOG.debug("HoneyHive: the API created {} of {} events; re-sending the rest", before - realEvents(), before);
          return o.retryAs("HTTP 500, events partially created: " + o.serverMessage());
        }
      }
      return o;
    }

    @Override
    protected void retrying(long waitNanos, Outcome o) {
      retries.incrementAndGet();
    }

    @Override
    protected void succeeded(ApiResponse response) {
      WireFormat.PartialSuccess partial = partialSuccess(response);
      if (partial != null && partial.rejected() > 0) {
        int events = realEvents();
        int rejected = (int) Math.min(partial.rejected(), events);
        String why = "HoneyHive: the receiver took the request but rejected " + rejected
            + " of its " + count(events, "event") + ": " + describe(partial) + ". They are not retried (counted as failed)";
        throttled.warn("partial-success", why);
        fail(why, rejected, false);
        return;
      }
      if (partial != null) {   // none rejected: the receiver's message is a warning
        throttled.warn("partial-success-warning", "HoneyHive: the receiver took every event, with a warning: " + describe(partial));
      }
      live.remove(this);
      result.complete(null);
    }

    /** What the answer's body says was not taken, if the wire format reads such answers; never throws. */
    private WireFormat.PartialSuccess partialSuccess(ApiResponse response) {
      if (wire == null || response.body() == null || response.body().length == 0) {
        return null;
      }
      try {
        return wire.partialSuccess(response.body());
      } catch (RuntimeException e) {
        LOG.debug("HoneyHive: the receiver's answer could not be read; taken as full success", e);
        return null;
      }
    }

    private String describe(WireFormat.PartialSuccess partial) {
      String message = partial.message() == null || partial.message().isBlank() ? "(no message)" : partial.message();
      return ServerMessages.clean(message, apiKey);
    }

    @Override
    protected void refused(Outcome o) {
      int status = o.status();
      if (o.verdict() == ApiResponse.Verdict.KEY_REJECTED) {
        reject("HTTP " + status + ": " + describeRejection(status, o.serverMessage()));
        return;
      }
      String why = "HoneyHive: the API rejected " + count(realEvents(), "event")
          + (request.sessionId() != null && Boolean.TRUE.equals(request.isSingleSession())
              ? " of session " + request.sessionId() : "")
          + " with HTTP " + status + ": " + describeRejection(status, o.serverMessage())
          + ". They are not retried (counted as failed)";
      throttled.warn("rejected-" + status, why);
      fail(why, realEvents(), false);
    }

    @Override
    protected void gaveUp(String problem, Outcome last) {
      endProbe();
      String why = "HoneyHive: gave up sending " + count(realEvents(), "event") + " after "
          + count(attempts(), "attempt") + ": " + problem + ". They are counted as failed";
      throttled.warn("give-up", why);
      fail(why, realEvents(), false);
    }

    /** A probe has its answer (or never will): the next may go when its time comes. */
    private void endProbe() {
      if (probe) {
        probe = false;
        probing.set(false);
      }
    }

    private void reject(String why) {
      fail("HoneyHive: " + count(realEvents(), "event") + " dropped: " + why, realEvents(), true);
    }

    /** Ends the delivery with {@code failed} of its events given up on ({@code rejected}: for the key). */
    private void fail(String why, int failed, boolean rejected) {
      live.remove(this);
      failedEvents = failed;
      rejectedEvents = rejected ? failedEvents : 0;
      failure = why;
      result.complete(null);
    }

    /** The events the caller handed over: the session events this form adds are not counted. */
    int realEvents() {
      int n = 0;
      for (Event e : request.events()) {
        if (e.eventType() != EventType.SESSION || !Boolean.FALSE.equals(request.isSingleSession())) {
          n++;
        }
      }
      return n;
    }

    /** Serialized once per body; again only after the API reported some of its events created. */
    byte[] body() {
      if (body == null) {
        try {
          // into one array sized for a typical event, grown if needed, rather than Jackson's
          // chain of blocks; copied once, to the exact length the HTTP client takes
          if (wire != null) {
            body = wire.encode(request);
            return body;
          }
          Body out = new Body(Math.max(1024, request.events().size() * 1024));
          WRITER.writeValue(out, request);
          body = out.toByteArray();
        } catch (IOException e) {
          throw new IllegalArgumentException("a batch could not be serialized: " + e.getMessage(), e);
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

  /** A byte array output stream without synchronization, copied once at the end. */
  private static final class Body extends java.io.OutputStream {
    private byte[] buf;
    private int count;

    Body(int size) {
      buf = new byte[size];
    }

    @Override
    public void write(int b) {
      ensure(1);
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    private void ensure(int more) {
      if (count + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
      }
    }

    byte[] toByteArray() {
      return count == buf.length ? buf : Arrays.copyOf(buf, count);
    }
  }

  /** The API key, URL and settings of an {@link HttpExporter}. */
  public static final class Builder {
    private String apiKey;
    private URI apiUrl = HoneyHiveConfig.DEFAULT_API_URL;
    private ExportSettings settings = ExportSettings.defaults();
    private WireFormat wire;

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

    /**
     * Writes requests in another format than {@code POST /events/batch} JSON, to
     * {@code apiUrl} plus its path; an API key is then optional. Not public API: used by the
     * OTLP exporter of honeyhive-otlp.
     */
    public Builder wireFormat(WireFormat wire) {
      this.wire = Objects.requireNonNull(wire, "wire");
      return this;
    }

    public HttpExporter build() {
      if (apiKey == null && wire == null) {
        throw new ConfigurationException("HttpExporter needs an API key: call apiKey(...)");
      }
      return new HttpExporter(this);
    }
  }
}
