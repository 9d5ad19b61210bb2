package ai.honeyhive.propagation;

import ai.honeyhive.internal.Propagator;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.slf4j.LoggerFactory;

/**
 * An Apache HttpClient 5 interceptor that sends the calling thread's trace context with every
 * request (see {@link Propagation}):
 *
 * <pre>{@code
 * CloseableHttpClient client = HttpClients.custom()
 *     .addRequestInterceptorFirst(PropagationInterceptor.create())
 *     .build();
 * }</pre>
 *
 * The classic (blocking) client runs interceptors on the calling thread, which is what this
 * needs. The async client may run them on its I/O threads, where no trace is current: there,
 * call {@link Propagation#inject} on the request before executing it. A {@code baggage} header
 * already on the request keeps its other entries. It lives in honeyhive-core because HttpClient 5
 * is already there (HoneyHive's own transport uses it); it costs no dependency.
 */
public final class PropagationInterceptor implements HttpRequestInterceptor {
  private static final PropagationInterceptor INSTANCE = new PropagationInterceptor();

  private PropagationInterceptor() {}

  public static PropagationInterceptor create() {
    return INSTANCE;
  }

  @Override
  public void process(HttpRequest request, EntityDetails entity, HttpContext context) {
    if (!Propagator.mayInject()) {
      return;
    }
    try {
      Propagator.inject((name, value) -> {
        if (name.equals(Propagation.BAGGAGE)) {
          StringBuilder existing = new StringBuilder();
          for (Header h : request.getHeaders(name)) {
            existing.append(existing.length() == 0 ? "" : ",").append(h.getValue());
          }
          value = Propagator.mergeBaggage(existing.toString(), value);
        }
        request.removeHeaders(name);
        request.addHeader(name, value);
      });
    } catch (RuntimeException | LinkageError e) {   // the request goes out whatever happens to ours
      LoggerFactory.getLogger("ai.honeyhive.propagation").debug("HoneyHive: adding the trace context failed", e);
    }
  }

  @Override
  public String toString() {
    return "PropagationInterceptor";
  }
}
