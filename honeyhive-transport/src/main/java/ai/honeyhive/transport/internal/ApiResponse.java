package ai.honeyhive.transport.internal;

import java.nio.charset.StandardCharsets;

/**
 * A response of the HoneyHive API: its status, body and {@code Retry-After} header. Not public
 * API.
 */
public record ApiResponse(int status, byte[] body, String retryAfter) {

  /**
   * What an answer of the API means for the request that got it. The one reading of a status that
   * the exporter and the read client share; each then says it in its own words.
   */
  public enum Verdict {
    /** 2xx. */
    SUCCESS,
    /** 401 or 403: the API key was not accepted (for this project); another attempt would not help. */
    KEY_REJECTED,
    /** 429 and every 5xx: worth another attempt, after the server's {@code Retry-After} if it sent one. */
    RETRY,
    /** Any other status: the request itself is wrong; another attempt would not help. */
    REJECTED
  }

  /** What {@code status} means; a pure function of it. */
  public static Verdict verdict(int status) {
    if (status >= 200 && status < 300) {
      return Verdict.SUCCESS;
    }
    if (status == 401 || status == 403) {
      return Verdict.KEY_REJECTED;
    }
    if (status == 429 || status >= 500) {
      return Verdict.RETRY;
    }
    return Verdict.REJECTED;
  }

  public Verdict verdict() {
    return verdict(status);
  }


  public String bodyText() {
    return body == null ? "" : new String(body, StandardCharsets.UTF_8);
  }
}
