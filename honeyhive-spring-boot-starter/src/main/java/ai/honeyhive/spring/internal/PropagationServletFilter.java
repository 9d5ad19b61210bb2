package ai.honeyhive.spring.internal;

import ai.honeyhive.Scope;
import ai.honeyhive.propagation.Propagation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Continues a caller's HoneyHive context for a servlet request: the traced calls the request makes
 * on its thread join the caller's session as children of the calling event. A request without
 * (valid) headers runs as before. Runs early, so that other filters' traced calls are inside it too.
 * Not public API.
 */
public final class PropagationServletFilter extends OncePerRequestFilter implements Ordered {
  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try (Scope ignored = Propagation.extract(request,
        (r, name) -> HttpPropagation.join(name, Collections.list(r.getHeaders(name)))).makeCurrent()) {
      chain.doFilter(request, response);
    }
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 100;
  }
}
