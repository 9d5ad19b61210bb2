package ai.honeyhive.transport.internal;

import ai.honeyhive.config.ExportSettings;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.DefaultThreadFactory;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one way this library talks HTTP to the HoneyHive API: a pooled Apache HttpClient 5 async
 * client with connect, connection-request and response timeouts, one I/O thread, no automatic
 * retries, redirects or cookies ({@link RetryLoop} retries, cutting each attempt at its deadline on
 * this client's {@link #timer()}). The client and the timer start on first use, so an unused
 * instance costs no thread. {@link #close()} aborts every call in flight.
 *
 * <p>The API key goes only into the {@code Authorization} header, and no log of HttpClient's can
 * show it, at any level, whatever the application's logging configuration or (under the agent) the
 * relocated logger names: the header is an object whose {@code toString()} (what HttpClient's
 * {@code ...http.headers} logger prints) masks the value, while the request writer reads
 * {@code getValue()}; and the I/O session is never wrapped in HttpClient's wire logger
 * ({@code ...http.wire}, which would print the raw bytes). HTTP/2, whose header logging copies the
 * headers, is never negotiated. {@link #toString()} shows the endpoint, never the key. Not public
 * API.
 */
public final class ApiHttpClient implements AutoCloseable {
  private static final String USER_AGENT = userAgent();
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiHttpClient.class);
  private static final Set<String> CLEARTEXT_WARNED = ConcurrentHashMap.newKeySet();

  private final URI baseUrl;
  private final Header authorization;
  private final Map<String, String> headers;
  private final ExportSettings settings;
  private final Set<Future<?>> inFlight = ConcurrentHashMap.newKeySet();
  private CloseableHttpAsyncClient client;
  private ScheduledThreadPoolExecutor timer;
  private volatile boolean closed;

  public ApiHttpClient(URI baseUrl, String apiKey, ExportSettings settings) {
    this(baseUrl, Objects.requireNonNull(apiKey, "apiKey"), settings, Map.of());
  }

  /**
   * A client that sends {@code headers} with every request; without an API key ({@code apiKey}
   * null) it sends no {@code Authorization} header (an OpenTelemetry Collector that adds its own).
   */
  public ApiHttpClient(URI baseUrl, String apiKey, ExportSettings settings, Map<String, String> headers) {
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    if (apiKey != null) {
      warnIfCleartext(baseUrl);
    }
    this.authorization = apiKey == null ? null : new SecretHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey);
    this.headers = Map.copyOf(headers);
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Says once per URL that the API key will cross the network unencrypted, when a plain
   * {@code http} URL names a host other than this machine (a local stand-in server is fine).
   * Decided from the URL alone: no name is resolved.
   */
  static boolean warnIfCleartext(URI url) {
    if (!"http".equalsIgnoreCase(url.getScheme()) || isLoopback(url.getHost())
        || !CLEARTEXT_WARNED.add(url.getScheme() + "://" + url.getAuthority())) {
      return false;
    }
    LOG.warn("HoneyHive sends the API key over plain http to " + url.getScheme() + "://" + url.getAuthority()
        + ": anyone on the network path can read it. Use an https URL for HH_API_URL unless this host"
        + " is reached only through a trusted network");
    return true;
  }

  private static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(java.util.Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1");
  }

  /** {@code path} (which starts with a slash) under the base URL, keeping any path the base has. */
  public URI endpoint(String path) {
    String base = baseUrl.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + path);
  }

  /**
   * One request to the API. The key goes in as the {@link SecretHeader} itself, never through
   * {@code setHeader(name, value)}, which would send the header's masked {@code toString()}.
   */
  private SimpleHttpRequest request(String method, String path, byte[] body, ContentType type) {
    SimpleHttpRequest request = SimpleHttpRequest.create(method, endpoint(path));
    if (authorization != null) {
      request.setHeader(authorization);
    }
    request.setHeader(HttpHeaders.ACCEPT, type.getMimeType());
    // masked in HttpClient's header log too: a Collector's own token may be among them
    headers.forEach((name, value) -> request.setHeader(new SecretHeader(name, value)));
    if (body != null) {
      request.setBody(body, type);
    }
    return request;
  }

  /**
   * Starts a request whose outcome completes the returned future, on the client's I/O thread:
   * the response, or an {@link IOException} (network failure, or cancelled through
   * {@link AsyncCall#cancel(String)}, or by {@link #close()}). Never blocks.
   *
   * @throws IllegalStateException when this client is closed
   */
  public AsyncCall send(String method, String path, byte[] jsonBody) {
    return send(method, path, jsonBody, "application/json");
  }

  /** {@link #send(String, String, byte[])} with a body of the given content type. */
  public AsyncCall send(String method, String path, byte[] body, String contentType) {
    SimpleHttpRequest request = request(method, path, body, ContentType.create(contentType));
    AsyncCall call = new AsyncCall();
    Future<SimpleHttpResponse> future = client().execute(request, new FutureCallback<>() {
      @Override
      public void completed(SimpleHttpResponse r) {
        Header retryAfter = r.getFirstHeader(HttpHeaders.RETRY_AFTER);
        call.response.complete(new ApiResponse(r.getCode(), r.getBodyBytes(),
            retryAfter == null ? null : retryAfter.getValue()));
      }

      @Override
      public void failed(Exception e) {
        call.response.completeExceptionally(e instanceof IOException ? e : new IOException(e.toString(), e));
      }

      @Override
      public void cancelled() {
        String why = call.cancelReason;
        call.response.completeExceptionally(new InterruptedIOException(
            why != null ? why : closed ? "the HTTP client was closed" : "the request was cancelled"));
      }
    });
    call.future = future;
    inFlight.add(future);
    call.response.whenComplete((r, e) -> inFlight.remove(future));
    if (closed) {
      future.cancel(true); // close() may have missed it
    }
    return call;
  }

  /** One request in flight whose outcome arrives as a future. */
  public static final class AsyncCall {
    private final CompletableFuture<ApiResponse> response = new CompletableFuture<>();
    private volatile Future<SimpleHttpResponse> future;
    private volatile String cancelReason;

    private AsyncCall() {}

    /** The response, or the exchange's failure as an {@link IOException}. */
    public CompletableFuture<ApiResponse> response() {
      return response;
    }

    /** Aborts the exchange; its future fails with an {@link InterruptedIOException} saying {@code why}. */
    public void cancel(String why) {
      cancelReason = why;
      Future<SimpleHttpResponse> f = future;
      if (f != null) {
        f.cancel(true);
      }
      response.completeExceptionally(new InterruptedIOException(why));
    }
  }

  /**
   * The timer for deadlines and waits between attempts: one daemon thread, started on first use,
   * stopped by {@link #close()}.
   *
   * @throws RejectedExecutionException when this client is closed
   */
  public synchronized ScheduledExecutorService timer() {
    if (closed) {
      throw new RejectedExecutionException("the HoneyHive HTTP client is closed");
    }
    if (timer == null) {
      ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
        Thread th = new Thread(r, "honeyhive-http-timer");
        th.setDaemon(true);
        return th;
      });
      t.setRemoveOnCancelPolicy(true);
      timer = t;
    }
    return timer;
  }

  public boolean isClosed() {
    return closed;
  }

  /** Aborts every call in flight and releases the connections and the I/O thread. Idempotent. */
  @Override
  public void close() {
    CloseableHttpAsyncClient c;
    ScheduledExecutorService t;
    synchronized (this) {
      closed = true;
      c = client;
      t = timer;
    }
    for (Future<?> f : inFlight) {
      f.cancel(true);
    }
    if (c != null) {
      // let the I/O thread close its own channels first: closing them from here races it, and it
      // logs the resulting errors
      c.initiateShutdown();
      try {
        c.awaitShutdown(TimeValue.ofSeconds(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      c.close(CloseMode.GRACEFUL);
    }
    if (t != null) {
      t.shutdownNow();
    }
  }

  private synchronized CloseableHttpAsyncClient client() {
    if (closed) {
      throw new IllegalStateException("the HoneyHive HTTP client is closed");
    }
    if (client == null) {
      client = build(settings);
      client.start();
    }
    return client;
  }

  private static CloseableHttpAsyncClient build(ExportSettings s) {
    Timeout response = Timeout.of(s.responseTimeout());
    ConnectionConfig connection = ConnectionConfig.custom()
        .setConnectTimeout(Timeout.of(s.connectTimeout()))
        .setSocketTimeout(response)
        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
        .setTimeToLive(TimeValue.ofMinutes(5))
        .build();
    PoolingAsyncClientConnectionManager pool = PoolingAsyncClientConnectionManagerBuilder.create()
        .setMaxConnTotal(s.maxConcurrentRequests())
        .setMaxConnPerRoute(s.maxConcurrentRequests())
        .setDefaultConnectionConfig(connection)
        .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
        .build();
    return HttpAsyncClients.custom()
        .useSystemProperties() // proxies configured for the JVM apply
        .setConnectionManager(pool)
        .setIOReactorConfig(IOReactorConfig.custom()
            .setIoThreadCount(1)
            .setSoTimeout(response)
            .setSoKeepAlive(true)
            .setTcpNoDelay(true)
            .build())
        .setDefaultRequestConfig(RequestConfig.custom()
            .setConnectionRequestTimeout(Timeout.of(s.connectionRequestTimeout()))
            .setResponseTimeout(response)
            .build())
        .setThreadFactory(new DefaultThreadFactory("honeyhive-http-io", true))
        // instead of HttpClient's default, which logs every byte sent (the key included) when its
        // wire logger is at DEBUG
        .setIoSessionDecorator(session -> session)
        .setUserAgent(USER_AGENT)
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAuthCaching()
        .disableContentCompression()
        .build();
  }

  private static String userAgent() {
    String v = ApiHttpClient.class.getPackage().getImplementationVersion();
    return "honeyhive-java" + (v == null ? "" : "/" + v);
  }

  @Override
  public String toString() {
    return "ApiHttpClient[" + baseUrl + "]";
  }

  /**
   * A header whose value goes on the wire but never into a log line: HttpClient's header logger
   * prints {@code toString()}, its request writer uses {@link #getValue()}.
   */
  private static final class SecretHeader implements Header {
    private final String name;
    private final String value;

    SecretHeader(String name, String value) {
      this.name = name;
      this.value = value;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public String getValue() {
      return value;
    }

    @Override
    public boolean isSensitive() {
      return true;
    }

    @Override
    public String toString() {
      return name + ": [redacted]";
    }
  }
}
