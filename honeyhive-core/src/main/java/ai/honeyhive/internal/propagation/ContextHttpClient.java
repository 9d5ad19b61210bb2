package ai.honeyhive.internal.propagation;

import ai.honeyhive.internal.Propagator;
import ai.honeyhive.propagation.Propagation;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.LoggerFactory;

/**
 * The JDK {@link HttpClient} that {@code PropagatingHttpClient.wrap} returns: each request goes
 * out with the calling thread's trace context, everything else is the wrapped client's.
 * Not public API.
 */
public final class ContextHttpClient extends HttpClient {
  private final HttpClient delegate;

  private ContextHttpClient(HttpClient delegate) {
    this.delegate = delegate;
  }

  public static HttpClient wrap(HttpClient client) {
    Objects.requireNonNull(client, "client");
    return client instanceof ContextHttpClient ? client : new ContextHttpClient(client);
  }

  /** The request with the current trace context's headers, or the request itself outside a trace. */
  private static HttpRequest withContext(HttpRequest request) {
    if (!Propagator.mayInject()) {
      return request;
    }
    try {
      Map<String, String> headers = new LinkedHashMap<>(4);
      if (!Propagator.inject(headers::put)) {
        return request;
      }
      HttpRequest.Builder b = HttpRequest.newBuilder(request, (name, value) -> true);
      headers.forEach((name, value) -> {
        if (name.equals(Propagation.BAGGAGE)) {
          String existing = String.join(",", request.headers().allValues(name));
          value = Propagator.mergeBaggage(existing, value);
        }
        b.setHeader(name, value);
      });
      return b.build();
    } catch (RuntimeException | LinkageError e) {   // the request must go out whatever happens to ours
      LoggerFactory.getLogger("ai.honeyhive.propagation").debug("HoneyHive: adding the trace context failed", e);
      return request;
    }
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    return delegate.send(withContext(request), handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return delegate.sendAsync(withContext(request), handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    return delegate.sendAsync(withContext(request), handler, pushPromiseHandler);
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  @Override
  public java.net.http.WebSocket.Builder newWebSocketBuilder() {
    return delegate.newWebSocketBuilder();
  }

  // Java 21 made HttpClient closeable; we build for 17, so these override the JDK 21 methods by
  // signature (without @Override) and reach the wrapped client's by reflection.

  /** Closes the wrapped client (Java 21 and later). */
  public void close() {
    if (delegate instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public void shutdown() {
    invoke("shutdown");
  }

  public void shutdownNow() {
    invoke("shutdownNow");
  }

  public boolean isTerminated() {
    Object terminated = invoke("isTerminated");
    return terminated instanceof Boolean b && b;
  }

  public boolean awaitTermination(Duration duration) throws InterruptedException {
    try {
      Object done = HttpClient.class.getMethod("awaitTermination", Duration.class).invoke(delegate, duration);
      return done instanceof Boolean b && b;
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof InterruptedException ie) {
        throw ie;
      }
      throw rethrow(e.getCause());
    } catch (ReflectiveOperationException e) {
      return false;   // before Java 21 there is nothing to wait for
    }
  }

  private Object invoke(String method) {
    try {
      return HttpClient.class.getMethod(method).invoke(delegate);
    } catch (InvocationTargetException e) {
      throw rethrow(e.getCause());
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error err) {
      throw err;
    }
    return new IllegalStateException(t);
  }

  @Override
  public String toString() {
    return "PropagatingHttpClient[" + delegate + "]";
  }
}
