package ai.honeyhive.spring.internal;

import java.io.IOException;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Adds the current HoneyHive context to the requests of a {@code RestClient} or {@code RestTemplate}
 * as {@code traceparent} and {@code baggage}. Interceptors run on the thread that makes the call, where
 * the caller's trace is current. Outside a trace the request goes out unchanged. Not public API.
 */
public final class PropagationClientInterceptor implements ClientHttpRequestInterceptor {
  @Override
  public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
      throws IOException {
    HttpPropagation.inject(request.getHeaders());
    return execution.execute(request, body);
  }
}
