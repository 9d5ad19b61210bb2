package ai.honeyhive.spring.internal;

import ai.honeyhive.Scope;
import ai.honeyhive.propagation.RemoteContext;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

/**
 * Continues a caller's HoneyHive context for a WebFlux request: the rest of the chain is subscribed
 * with the caller's context current, so traced calls the handler makes while it is being subscribed
 * (a controller method and what it calls on that thread) join the caller's session as children of
 * the calling event. Work the handler moves to other threads carries it only where the code carries
 * {@code Context.current()} along. Not public API.
 */
public final class PropagationWebFilter implements WebFilter, Ordered {
  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    RemoteContext caller = HttpPropagation.extract(exchange.getRequest().getHeaders());
    if (!caller.isPresent()) {
      return chain.filter(exchange);
    }
    Mono<Void> rest = chain.filter(exchange);
    return new Mono<>() {
      @Override
      public void subscribe(CoreSubscriber<? super Void> actual) {
        try (Scope ignored = caller.makeCurrent()) {
          rest.subscribe(actual);
        }
      }
    };
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 100;
  }
}
