package ai.honeyhive.transport.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Pulls the human-readable message out of an API error body, short and on one line, with the
 * API key blanked out should the server ever echo it. Not public API.
 */
public final class ServerMessages {
  private static final int MAX_LENGTH = 300;
  private static final String[] FIELDS = {"message", "error", "errors", "detail", "msg"};

  private ServerMessages() {}

  /** The message, or null when the body says nothing. */
  public static String of(byte[] body, String apiKey) {
    if (body == null || body.length == 0) {
      return null;
    }
    String text = null;
    try {
      JsonNode root = JsonMappers.mapper().readTree(body);
      if (root != null && root.isObject()) {
        for (String f : FIELDS) {
          JsonNode n = root.get(f);
          if (n != null && !n.isNull()) {
            text = n.isTextual() ? n.asText() : n.toString();
            break;
          }
        }
      } else if (root != null && root.isTextual()) {
        text = root.asText();
      }
    } catch (IOException | RuntimeException notJson) {
      // a plain-text or HTML body: use it as it is
    }
    if (text == null) {
      text = new String(body, StandardCharsets.UTF_8);
    }
    return clean(text, apiKey);
  }

  /** One line, at most a few hundred characters, without the key. */
  public static String clean(String text, String apiKey) {
    String s = text.replaceAll("\\s+", " ").trim();
    if (apiKey != null && !apiKey.isEmpty()) {
      s = s.replace(apiKey, "<redacted>");
    }
    if (s.length() > MAX_LENGTH) {
      s = s.substring(0, MAX_LENGTH) + "...";
    }
    return s.isEmpty() ? null : s;
  }
}
