package ai.honeyhive.propagation;

import ai.honeyhive.internal.propagation.ContextHttpClient;
import java.net.http.HttpClient;

/**
 * Makes a JDK {@link HttpClient} send the trace context of the calling thread with every request
 * (see {@link Propagation}):
 *
 * <pre>{@code
 * HttpClient client = PropagatingHttpClient.wrap(HttpClient.newHttpClient());
 * }</pre>
 *
 * The headers are taken on the thread that calls {@code send}/{@code sendAsync}, so an
 * asynchronous request carries the context of the code that made it. Outside a trace the request
 * goes out unchanged. A {@code baggage} header already on the request keeps its other entries.
 * Everything else (settings, {@code close} on Java 21) is the wrapped client's. For a single
 * request, {@code Propagation.inject(builder, HttpRequest.Builder::setHeader)} does the same.
 */
public final class PropagatingHttpClient {
  private PropagatingHttpClient() {}

  /** {@code client}, sending the trace context with each request; a client already wrapped is returned as is. */
  public static HttpClient wrap(HttpClient client) {
    return ContextHttpClient.wrap(client);
  }
}
