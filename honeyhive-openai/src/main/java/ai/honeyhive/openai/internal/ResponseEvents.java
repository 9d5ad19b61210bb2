package ai.honeyhive.openai.internal;

import ai.honeyhive.Span;
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
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", tool.get("name") != null ? tool.get("name") : tool.get("type"));
          if (tool.get("description") != null) {
            m.put("description", tool.get("description"));
          }
          if (tool.get("parameters") != null) {
            m.put("parameters", String.valueOf(tool.get("parameters")));
          }
          offered.add(m);
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
    Object model = response.get("model");
    if (model != null && requestedModel != null && !requestedModel.equals(model)) {
      span.setConfig("response_model", model);
    } else if (model != null && requestedModel == null) {
      span.setConfig("model", model);
    }
    if (response.get("id") != null) {
      span.setMetadata("response_id", response.get("id"));
    }
    StringBuilder text = new StringBuilder();
    List<Map<String, Object>> calls = new ArrayList<>();
    if (response.get("output") instanceof List<?> output) {
      for (Object o : output) {
        if (o instanceof Map<?, ?> item) {
          if ("function_call".equals(item.get("type"))) {
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("id", item.get("call_id"));
            call.put("name", item.get("name"));
            call.put("arguments", item.get("arguments"));
            calls.add(call);
          } else if ("message".equals(item.get("type"))) {
            text.append(ChatEventsText.of(item.get("content")));
          }
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("role", "assistant");
    out.put("content", text.length() == 0 && !calls.isEmpty() ? null : text.toString());
    if (!calls.isEmpty()) {
      out.put("tool_calls", calls);
    }
    if (response.get("status") != null) {
      out.put("finish_reason", String.valueOf(response.get("status")));
    }
    if (response.get("usage") instanceof Map<?, ?> usage) {
      tokens(span, Span.PROMPT_TOKENS, usage.get("input_tokens"));
      tokens(span, Span.COMPLETION_TOKENS, usage.get("output_tokens"));
      tokens(span, Span.TOTAL_TOKENS, usage.get("total_tokens"));
    }
    span.setOutput(out);
  }

  private static Map<String, Object> item(Map<?, ?> item) {
    Object type = item.get("type");
    if ("function_call".equals(type)) {
      Map<String, Object> call = new LinkedHashMap<>();
      call.put("id", item.get("call_id"));
      call.put("name", item.get("name"));
      call.put("arguments", item.get("arguments"));
      Map<String, Object> m = message("assistant", null);
      m.put("tool_calls", List.of(call));
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
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("role", role);
    m.put("content", content);
    return m;
  }

  private static void put(Span span, String key, Object value) {
    if (value != null) {
      span.setConfig(key, value);
    }
  }

  private static void tokens(Span span, String key, Object value) {
    if (value instanceof Number n) {
      span.setMetadata(key, n.longValue());
    }
  }
}
