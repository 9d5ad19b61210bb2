package ai.honeyhive.langchain4j.internal;

import ai.honeyhive.Span;
import ai.honeyhive.internal.ModelEventFields;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * LangChain4j's chat request and response as the fields of a HoneyHive model event; the mapping
 * is written down in docs/integrations.md and is the same for every integration. Not public API.
 */
public final class ModelEvents {
  private ModelEvents() {}

  /** The event's name: the model asked for, else the provider. */
  static String name(ChatRequest request, ModelProvider provider) {
    String model = request == null ? null : request.modelName();
    if (model != null) {
      return model;
    }
    return provider == null ? "chat" : provider(provider) + ".chat";
  }

  /** {@code OPEN_AI} as {@code openai}, {@code AZURE_OPEN_AI} as {@code azure_openai}: the names the other SDKs use. */
  static String provider(ModelProvider provider) {
    return provider.name().toLowerCase(Locale.ROOT).replace("open_ai", "openai");
  }

  /**
   * The request as the model will send it: an AI Service's request carries only what the service
   * sets, the model's own defaults (its model name, temperature) fill the rest.
   */
  static ChatRequest withDefaults(ChatRequest request, ChatRequestParameters defaults) {
    if (request == null || defaults == null) {
      return request;
    }
    ChatRequestParameters own = request.parameters();
    ChatRequestParameters effective = own == null ? defaults : own.defaultedBy(defaults);
    return request.toBuilder().parameters(effective).build();
  }

  /** config (model, provider, options) and inputs.chat_history. */
  static void recordRequest(Span span, ChatRequest request, ModelProvider provider) {
    if (provider != null) {
      span.setConfig("provider", provider(provider));
    }
    if (request == null) {
      return;
    }
    ChatRequestParameters p = request.parameters();
    if (p != null) {
      putIfSet(span, "model", p.modelName());
      putIfSet(span, "temperature", p.temperature());
      putIfSet(span, "top_p", p.topP());
      // a long, as the OpenAI SDK integration records it: one model event looks the same whoever made it
      putIfSet(span, "max_tokens", p.maxOutputTokens() == null ? null : p.maxOutputTokens().longValue());
      if (p.stopSequences() != null && !p.stopSequences().isEmpty()) {
        span.setConfig("stop", List.copyOf(p.stopSequences()));
      }
      if (p.toolSpecifications() != null && !p.toolSpecifications().isEmpty()) {
        span.setConfig("tools", tools(p.toolSpecifications()));
      }
      ResponseFormat format = p.responseFormat();
      if (format != null && format.type() != null) {
        span.setConfig("response_format", format.type().name().toLowerCase(Locale.ROOT));
      }
    }
    span.setInput("chat_history", messages(request.messages()));
  }

  /** outputs (assistant message, tool calls, finish reason), the responding model, token usage. */
  static void recordResponse(Span span, ChatRequest request, ChatResponse response) {
    if (response == null) {
      return;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    AiMessage ai = response.aiMessage();
    if (ai != null) {
      out.putAll(message(ai));
    }
    ChatResponseMetadata md = response.metadata();
    if (md != null) {
      if (md.finishReason() != null) {
        out.put("finish_reason", md.finishReason().name().toLowerCase(Locale.ROOT));
      }
      ModelEventFields.respondingModel(span, request == null ? null : request.modelName(), md.modelName());
      if (md.id() != null) {
        span.setMetadata("response_id", md.id());
      }
      TokenUsage usage = md.tokenUsage();
      if (usage != null) {
        ModelEventFields.tokens(span, usage.inputTokenCount(), usage.outputTokenCount(), usage.totalTokenCount());
      }
    }
    span.setOutput(out);
  }

  static List<Map<String, Object>> messages(List<ChatMessage> messages) {
    List<Map<String, Object>> list = new ArrayList<>();
    if (messages != null) {
      for (ChatMessage m : messages) {
        list.add(message(m));
      }
    }
    return list;
  }

  /** One message as {@code {role, content}}, with the tool calls or the tool call answered. */
  static Map<String, Object> message(ChatMessage m) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (m instanceof SystemMessage s) {
      map.put("role", "system");
      map.put("content", s.text());
    } else if (m instanceof UserMessage u) {
      map.put("role", "user");
      map.put("content", u.hasSingleText() ? u.singleText() : String.valueOf(u.contents()));
    } else if (m instanceof AiMessage a) {
      map.put("role", "assistant");
      map.put("content", a.text());
      if (a.hasToolExecutionRequests()) {
        map.put("tool_calls", toolCalls(a.toolExecutionRequests()));
      }
    } else if (m instanceof ToolExecutionResultMessage t) {
      map.put("role", "tool");
      map.put("content", t.text());
      map.put("tool_call_id", t.id());
      map.put("name", t.toolName());
    } else if (m != null) {
      map.put("role", m.type() == null ? "unknown" : m.type().name().toLowerCase(Locale.ROOT));
      map.put("content", String.valueOf(m));
    }
    return map;
  }

  static List<Map<String, Object>> toolCalls(List<ToolExecutionRequest> requests) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (ToolExecutionRequest r : requests) {
      list.add(ModelEventFields.toolCall(r.id(), r.name(), r.arguments()));
    }
    return list;
  }

  private static List<Map<String, Object>> tools(List<ToolSpecification> specs) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (ToolSpecification spec : specs) {
      list.add(ModelEventFields.offeredTool(spec.name(), spec.description(), spec.parameters()));
    }
    return list;
  }

  private static void putIfSet(Span span, String key, Object value) {
    ModelEventFields.config(span, key, value);
  }
}
