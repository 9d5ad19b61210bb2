package ai.honeyhive.transport.internal;

import java.nio.charset.StandardCharsets;

/**
 * A response of the HoneyHive API: its status, body and {@code Retry-After} header. Not public
 * API.
 */
public record ApiResponse(int status, byte[] body, String retryAfter) {

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** 429 and every 5xx: worth another attempt. Other 4xx mean the request itself is wrong. */
  public boolean isRetryable() {
    return status == 429 || status >= 500;
  }

  public String bodyText() {
    return body == null ? "" : new String(body, StandardCharsets.UTF_8);
  }
}
