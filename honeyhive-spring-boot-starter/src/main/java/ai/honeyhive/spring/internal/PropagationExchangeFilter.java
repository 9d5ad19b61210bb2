package ai.honeyhive.spring.internal;

import ai.honeyhive.Context;
import ai.honeyhive.Scope;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Adds the HoneyHive context to a {@code WebClient}'s requests. The filter may run later and on
 * another thread than the code that built the request, so the context is taken when the request is
 * built ({@link #captureOnBuild}) and made current while the headers are written; without it, the
 * context current where the filter runs is used. Not public API.
 */
public final class PropagationExchangeFilter implements ExchangeFilterFunction {
  private static final String CONTEXT = PropagationExchangeFilter.class.getName() + ".context";

  /** Records the building thread's context on each request, for the filter. */
  public static void captureOnBuild(WebClient.Builder builder) {
    builder.defaultRequest(spec -> spec.attribute(CONTEXT, Context.current()));
  }

  @Override
  public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
    ClientRequest.Builder withHeaders = ClientRequest.from(request);
    Object captured = request.attribute(CONTEXT).orElse(null);
    if (captured instanceof Context context) {
      try (Scope ignored = context.makeCurrent()) {
        withHeaders.headers(HttpPropagation::inject);
      }
    } else {
      withHeaders.headers(HttpPropagation::inject);
    }
    return next.exchange(withHeaders.build());
  }
}
