package ai.honeyhive.test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A request {@link HoneyHiveStandIn} received and what it did about it.
 *
 * @param headers header names in lower case
 * @param status the status answered, or 0 when it reset the connection or never answered
 */
public record ReceivedRequest(String method, String path, Map<String, String> headers, byte[] body, int status) {

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public String toString() {
    return method + " " + path + " -> " + (status == 0 ? "no answer" : status);
  }
}
