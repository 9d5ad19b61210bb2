package ai.honeyhive.openai.internal;

import java.util.List;
import java.util.Map;

/** Message content as text: a string as is, content parts joined by their text (others by their type). Not public API. */
final class ChatEventsText {
  private ChatEventsText() {}

  static Object of(Object content) {
    if (content instanceof List<?> parts) {
      StringBuilder sb = new StringBuilder();
      for (Object p : parts) {
        if (p instanceof Map<?, ?> part) {
          Object text = part.get("text");
          sb.append(text != null ? text : "[" + part.get("type") + "]");
        }
      }
      return sb.toString();
    }
    return content;
  }
}
