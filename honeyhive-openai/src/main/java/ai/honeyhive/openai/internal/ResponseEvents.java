package ai.honeyhive.openai.internal;

import ai.honeyhive.Span;
import ai.honeyhive.internal.ModelEventFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Responses API call (wire form) as the same model event fields as a chat completion: the
 * instructions and input items become {@code chat_history} messages, the output items the
 * assistant's message and tool calls. Not public API.
 */
final class ResponseEvents {
  private ResponseEvents() {}

  static void recordRequest(Span span, Map<String, Object> request) {
    span.setConfig("provider", "openai");
    put(span, "model", request.get("model"));
    put(span, "temperature", request.get("temperature"));
    put(span, "top_p", request.get("top_p"));
    put(span, "max_tokens", request.get("max_output_tokens"));
    if (request.get("tools") instanceof List<?> tools && !tools.isEmpty()) {
      List<Map<String, Object>> offered = new ArrayList<>();
      for (Object t : tools) {
        if (t instanceof Map<?, ?> tool) {
          // a built-in tool (web_search, file_search) has a type and no name
          offered.add(ModelEventFields.offeredTool(tool.get("name") != null ? tool.get("name") : tool.get("type"),
              tool.get("description"), tool.get("parameters")));
        }
      }
      span.setConfig("tools", offered);
    }
    if (request.get("text") instanceof Map<?, ?> text && text.get("format") instanceof Map<?, ?> format) {
      put(span, "response_format", format.get("type"));
    }
    List<Map<String, Object>> history = new ArrayList<>();
    if (request.get("instructions") instanceof String instructions) {
      history.add(message("system", instructions));
    }
    Object input = request.get("input");
    if (input instanceof String text) {
      history.add(message("user", text));
    } else if (input instanceof List<?> items) {
      for (Object o : items) {
        if (o instanceof Map<?, ?> item) {
          history.add(item(item));
        }
      }
    }
    span.setInput("chat_history", history);
  }

  static void recordResponse(Span span, String requestedModel, Map<String, Object> response) {
    ModelEventFields.respondingModel(span, requestedModel, response.get("model"));
    if (response.get("id") != null) {
      span.setMetadata("response_id", response.get("id"));
    }
    StringBuilder text = new StringBuilder();
    List<Map<String, Object>> calls = new ArrayList<>();
    if (response.get("output") instanceof List<?> output) {
      for (Object o : output) {
        if (o instanceof Map<?, ?> item) {
          if ("function_call".equals(item.get("type"))) {
            calls.add(ModelEventFields.toolCall(item.get("call_id"), item.get("name"), item.get("arguments")));
          } else if ("message".equals(item.get("type"))) {
            text.append(ChatEventsText.of(item.get("content")));
          }
        }
      }
    }
    Map<String, Object> out = ModelEventFields.message("assistant",
        text.length() == 0 && !calls.isEmpty() ? null : text.toString());
    if (!calls.isEmpty()) {
      out.put("tool_calls", calls);
    }
    if (response.get("status") != null) {
      out.put("finish_reason", String.valueOf(response.get("status")));
    }
    if (response.get("usage") instanceof Map<?, ?> usage) {
      ModelEventFields.tokens(span, usage.get("input_tokens"), usage.get("output_tokens"), usage.get("total_tokens"));
    }
    span.setOutput(out);
  }

  private static Map<String, Object> item(Map<?, ?> item) {
    Object type = item.get("type");
    if ("function_call".equals(type)) {
      Map<String, Object> m = message("assistant", null);
      m.put("tool_calls", List.of(ModelEventFields.toolCall(item.get("call_id"), item.get("name"), item.get("arguments"))));
      return m;
    }
    if ("function_call_output".equals(type)) {
      Map<String, Object> m = message("tool", item.get("output"));
      m.put("tool_call_id", item.get("call_id"));
      return m;
    }
    Object role = item.get("role");
    return message(role == null ? String.valueOf(type) : role.toString(), ChatEventsText.of(item.get("content")));
  }

  private static Map<String, Object> message(String role, Object content) {
    return ModelEventFields.message(role, content);
  }

  private static void put(Span span, String key, Object value) {
    ModelEventFields.config(span, key, value);
  }
}
