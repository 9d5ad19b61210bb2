package ai.honeyhive.openai.internal;

import ai.honeyhive.Span;
import ai.honeyhive.internal.ModelEventFields;
import com.openai.core.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chat completion's request and response, in their wire form (the SDK's own JSON mapping), as
 * the fields of a HoneyHive model event; the mapping is the one in docs/integrations.md. Not
 * public API.
 */
final class ChatEvents {
  private ChatEvents() {}

  /**
   * The SDK object as the JSON it sends or received, as maps and lists. Through the SDK's own
   * {@link JsonValue}, never a Jackson type of ours: the agent jar relocates Jackson, and a
   * signature naming it would not link against the application's SDK.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> wire(Object sdkObject) {
    return JsonValue.from(sdkObject).convert(Map.class);
  }

  static String name(Map<String, Object> request) {
    Object model = request.get("model");
    return model == null ? "openai.chat" : model.toString();
  }

  static void recordRequest(Span span, Map<String, Object> request) {
    span.setConfig("provider", "openai");
    copy(span, request, "model", "model");
    copy(span, request, "temperature", "temperature");
    copy(span, request, "top_p", "top_p");
    copy(span, request, request.containsKey("max_completion_tokens") ? "max_completion_tokens" : "max_tokens", "max_tokens");
    Object stop = request.get("stop");
    if (stop != null) {
      span.setConfig("stop", stop instanceof List<?> ? stop : List.of(stop));
    }
    if (request.get("tools") instanceof List<?> tools && !tools.isEmpty()) {
      List<Map<String, Object>> offered = new ArrayList<>();
      for (Object t : tools) {
        if (t instanceof Map<?, ?> tool && tool.get("function") instanceof Map<?, ?> f) {
          offered.add(ModelEventFields.offeredTool(f.get("name"), f.get("description"), f.get("parameters")));
        }
      }
      span.setConfig("tools", offered);
    }
    if (request.get("response_format") instanceof Map<?, ?> format && format.get("type") != null) {
      span.setConfig("response_format", String.valueOf(format.get("type")));
    }
    List<Map<String, Object>> history = new ArrayList<>();
    if (request.get("messages") instanceof List<?> messages) {
      for (Object o : messages) {
        if (o instanceof Map<?, ?> m) {
          history.add(message(m));
        }
      }
    }
    span.setInput("chat_history", history);
  }

  /** A response in the chat completion shape (the streaming accumulator builds the same). */
  static void recordResponse(Span span, String requestedModel, Map<String, Object> response) {
    ModelEventFields.respondingModel(span, requestedModel, response.get("model"));
    if (response.get("id") != null) {
      span.setMetadata("response_id", response.get("id"));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (response.get("choices") instanceof List<?> choices && !choices.isEmpty()
        && choices.get(0) instanceof Map<?, ?> choice) {
      if (choice.get("message") instanceof Map<?, ?> message) {
        out.putAll(message(message));
      }
      if (choice.get("finish_reason") != null) {
        out.put("finish_reason", String.valueOf(choice.get("finish_reason")));
      }
    }
    if (response.get("usage") instanceof Map<?, ?> usage) {
      ModelEventFields.tokens(span, usage.get("prompt_tokens"), usage.get("completion_tokens"), usage.get("total_tokens"));
    }
    span.setOutput(out);
  }

  /** One message as {@code {role, content}}, with its tool calls or the tool call it answers. */
  static Map<String, Object> message(Map<?, ?> m) {
    Map<String, Object> out = ModelEventFields.message(
        m.get("role") == null ? "assistant" : String.valueOf(m.get("role")), ChatEventsText.of(m.get("content")));
    if (m.get("tool_calls") instanceof List<?> calls && !calls.isEmpty()) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (Object c : calls) {
        if (c instanceof Map<?, ?> call) {
          Map<?, ?> f = call.get("function") instanceof Map<?, ?> function ? function : Map.of();
          list.add(ModelEventFields.toolCall(call.get("id"), f.get("name"), f.get("arguments")));
        }
      }
      out.put("tool_calls", list);
    }
    if (m.get("tool_call_id") != null) {
      out.put("tool_call_id", m.get("tool_call_id"));
    }
    return out;
  }

  private static void copy(Span span, Map<String, Object> from, String key, String as) {
    ModelEventFields.config(span, as, from.get(key));
  }
}
