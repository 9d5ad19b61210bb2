package ai.honeyhive.internal;

import ai.honeyhive.Context;
import ai.honeyhive.HoneyHive;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model events the integrations (LangChain4j, the OpenAI SDK wrapper, Spring AI) have open, so
 * that one model call seen by two of them on the same call path (LangChain4j's model calling the
 * OpenAI SDK, Spring AI calling it) is recorded once: by the outermost, which knows the framework's
 * view of the call. Not public API.
 */
public final class IntegrationModelCalls {
  private static final Set<String> OPEN = ConcurrentHashMap.newKeySet();

  private IntegrationModelCalls() {}

  /** Notes a model event an integration started; {@link #ended} must follow. */
  public static void started(String eventId) {
    if (eventId != null && !eventId.isEmpty()) {   // empty: the span of a switched-off tracer
      OPEN.add(eventId);
    }
  }

  public static void ended(String eventId) {
    if (eventId != null && !eventId.isEmpty()) {
      OPEN.remove(eventId);
    }
  }

  /** Whether this thread's current event is a model event an integration is recording. */
  public static boolean current() {
    if (OPEN.isEmpty()) {
      return false;
    }
    String id = Context.current().spanId().orElse(null);
    return id != null && OPEN.contains(id);
  }
}
