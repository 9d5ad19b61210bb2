package ai.honeyhive.internal;

import ai.honeyhive.Span;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of a model event, shared by the integrations (LangChain4j, the OpenAI SDK wrapper) so
 * that one looks the same whoever made it: the mapping in docs/integrations.md. Each integration
 * reads its own source types; the keys and value types are written here once. Not public API.
 */
public final class ModelEventFields {
  private ModelEventFields() {}

  /** A chat message: {@code {role, content}}; tool calls and the answered call's id are added by the caller. */
  public static Map<String, Object> message(String role, Object content) {
    // room for the tool calls and call id a caller adds, at half the default table
    Map<String, Object> m = new LinkedHashMap<>(8);
    m.put("role", role);
    m.put("content", content);
    return m;
  }

  /** A tool call the model asked for: {@code {id, name, arguments}} (arguments as the JSON text sent). */
  public static Map<String, Object> toolCall(Object id, Object name, Object arguments) {
    Map<String, Object> call = new LinkedHashMap<>(4); // three entries, no resize
    call.put("id", id);
    call.put("name", name);
    call.put("arguments", arguments);
    return call;
  }

  /** A tool offered to the model: {@code {name, description?, parameters?}} (parameters as text). */
  public static Map<String, Object> offeredTool(Object name, Object description, Object parameters) {
    Map<String, Object> tool = new LinkedHashMap<>(4);
    tool.put("name", name);
    if (description != null) {
      tool.put("description", description);
    }
    if (parameters != null) {
      tool.put("parameters", String.valueOf(parameters));
    }
    return tool;
  }

  /** {@code config.<key>}, when there is a value. */
  public static void config(Span span, String key, Object value) {
    if (value != null) {
      span.setConfig(key, value);
    }
  }

  /**
   * The model that answered: {@code config.model} when none was asked for, else
   * {@code config.response_model} when it is not the one asked for (a dated snapshot, say).
   */
  public static void respondingModel(Span span, String requested, Object responding) {
    if (responding == null) {
      return;
    }
    if (requested == null) {
      span.setConfig("model", responding.toString());
    } else if (!requested.equals(responding.toString())) {
      span.setConfig("response_model", responding.toString());
    }
  }

  /** Token usage in {@code metadata}, as longs, for the counts that are numbers. */
  public static void tokens(Span span, Object prompt, Object completion, Object total) {
    if (prompt instanceof Number p && completion instanceof Number c && total instanceof Number t) {
      // the same three entries, recorded together (one lock on a tracer's span, not three)
      span.setTokenUsage(p.longValue(), c.longValue(), t.longValue());
      return;
    }
    token(span, Span.PROMPT_TOKENS, prompt);
    token(span, Span.COMPLETION_TOKENS, completion);
    token(span, Span.TOTAL_TOKENS, total);
  }

  private static void token(Span span, String key, Object value) {
    if (value instanceof Number n) {
      span.setMetadata(key, n.longValue());
    }
  }
}
