package ai.honeyhive.spring.internal;

import ai.honeyhive.Span;
import ai.honeyhive.SpanKind;
import io.micrometer.observation.Observation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationContext;
import org.springframework.ai.observation.AiOperationMetadata;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;

/**
 * What each Spring AI observation records, in HoneyHive's event shape: a chat model call's
 * {@code config} (model, provider, options), {@code inputs.chat_history} as role/content messages,
 * {@code outputs} (the assistant message, its tool calls, the finish reason) and token counts in
 * {@code metadata}; a tool call's name, arguments and result; a chat client call's prompt and
 * answer. Reads only what the observation context holds: no call to the model or the tool. Not
 * public API.
 */
final class SpringAiEvents {
  /** The key chat memory advisors keep a conversation id under in a ChatClient request's context. */
  static final String CONVERSATION_ID = "chat_memory_conversation_id";

  /*
   * Spring AI 2.0 methods that 1.1 lacks: called only where they exist, so that the starter also runs
   * on Boot 3.5 with Spring AI 1.1 (the JVM links a call site when it first runs, not before).
   */
  private static final boolean MODEL_KNOWS_STREAMING = hasMethod(ChatModelObservationContext.class, "isStreaming");
  private static final boolean TOOL_KNOWS_CALL_ID = hasMethod(ToolCallingObservationContext.class, "getToolCallId");

  private SpringAiEvents() {}

  private static boolean hasMethod(Class<?> type, String name) {
    try {
      type.getMethod(name);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  static SpanKind kind(Observation.Context c) {
    if (c instanceof ChatModelObservationContext || c instanceof EmbeddingModelObservationContext) {
      return SpanKind.MODEL;
    }
    if (c instanceof ChatClientObservationContext) {
      return SpanKind.CHAIN;
    }
    return SpanKind.TOOL;   // tool calls, and vector-store queries (retrieval is a tool step in HoneyHive)
  }

  static String name(Observation.Context c) {
    if (c instanceof ToolCallingObservationContext t && t.getToolDefinition() != null) {
      return t.getToolDefinition().name();
    }
    if (c instanceof ChatModelObservationContext m) {
      String model = model(m.getRequest() == null ? null : m.getRequest().getOptions());
      String provider = provider(m.getOperationMetadata());
      return (provider != null ? provider + "." : "") + "chat" + (model != null ? " " + model : "");
    }
    if (c instanceof ChatClientObservationContext) {
      return "chat_client";
    }
    if (c instanceof EmbeddingModelObservationContext e) {
      String provider = provider(e.getOperationMetadata());
      return (provider != null ? provider + "." : "") + "embedding";
    }
    if (isVectorStore(c)) {
      return VectorStoreEvents.name(c);
    }
    String n = c.getContextualName();
    return n != null ? n : c.getName() != null ? c.getName() : "spring_ai";
  }

  static boolean isStreaming(Observation.Context c) {
    if (c instanceof ChatModelObservationContext m) {
      return MODEL_KNOWS_STREAMING ? m.isStreaming() : underStreamingClient(m);
    }
    return c instanceof ChatClientObservationContext cc && cc.isStream();
  }

  /** Spring AI 1.1: a model call streams when the ChatClient call it runs in does. */
  private static boolean underStreamingClient(Observation.Context c) {
    for (io.micrometer.observation.ObservationView p = c.getParentObservation(); p != null;
        p = p.getContextView() instanceof Observation.Context pc ? pc.getParentObservation() : null) {
      if (p.getContextView() instanceof ChatClientObservationContext cc) {
        return cc.isStream();
      }
    }
    return false;
  }

  /** Spring AI's vector-store observation, recognised by name: its module is optional. */
  static final String VECTOR_STORE_CONTEXT = "org.springframework.ai.vectorstore.observation.VectorStoreObservationContext";

  static boolean isVectorStore(Observation.Context c) {
    return c.getClass().getName().equals(VECTOR_STORE_CONTEXT);
  }

  static void recordStart(Observation.Context c, Span span) {
    if (isVectorStore(c)) {
      VectorStoreEvents.recordStart(c, span);
    } else if (c instanceof ChatModelObservationContext m) {
      startModel(m, span);
    } else if (c instanceof ToolCallingObservationContext t) {
      span.setInput("arguments", t.getToolCallArguments());
      if (TOOL_KNOWS_CALL_ID && t.getToolCallId() != null) {
        span.setMetadata("tool_call_id", t.getToolCallId());
      }
      if (t.getToolDefinition() != null && t.getToolDefinition().description() != null) {
        span.setConfig("description", t.getToolDefinition().description());
      }
    } else if (c instanceof ChatClientObservationContext cc) {
      startClient(cc, span);
    } else if (c instanceof EmbeddingModelObservationContext e) {
      EmbeddingRequest r = e.getRequest();
      String provider = provider(e.getOperationMetadata());
      if (provider != null) {
        span.setConfig("provider", provider);
      }
      if (r != null) {
        if (r.getOptions() != null) {
          putIfSet(span, "model", r.getOptions().getModel());
          putIfSet(span, "dimensions", r.getOptions().getDimensions());
        }
        span.setInput("texts", r.getInstructions());
      }
    }
  }

  static void recordStop(Observation.Context c, Span span) {
    if (isVectorStore(c)) {
      VectorStoreEvents.recordStop(c, span);
    } else if (c instanceof ChatModelObservationContext m) {
      stopModel(m.getResponse(), span);
    } else if (c instanceof ToolCallingObservationContext t) {
      span.setOutput(t.getToolCallResult());
    } else if (c instanceof ChatClientObservationContext cc) {
      ChatClientResponse r = cc.getResponse();
      ChatResponse chat = r == null ? null : r.chatResponse();
      Generation g = chat == null ? null : chat.getResult();
      if (g != null && g.getOutput() != null) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("role", "assistant");
        out.put("content", g.getOutput().getText());
        span.setOutput(out);
      }
    } else if (c instanceof EmbeddingModelObservationContext e) {
      EmbeddingResponse r = e.getResponse();
      if (r != null) {
        span.setOutput(Map.of("embeddings", r.getResults() == null ? 0 : r.getResults().size()));
        if (r.getMetadata() != null) {
          putIfSet(span, "response_model", r.getMetadata().getModel());
          usage(span, r.getMetadata().getUsage());
        }
      }
    }
  }

  /** The chat memory conversation id of a ChatClient call, or null. */
  static String conversationId(ChatClientObservationContext cc) {
    ChatClientRequest r = cc.getRequest();
    Object id = r == null || r.context() == null ? null : r.context().get(CONVERSATION_ID);
    return id == null ? null : String.valueOf(id);
  }

  private static void startClient(ChatClientObservationContext cc, Span span) {
    ChatClientRequest r = cc.getRequest();
    if (r == null) {
      return;
    }
    Prompt p = r.prompt();
    if (p != null) {
      span.setInput("chat_history", messages(p.getInstructions()));
    }
    Object conversation = r.context() == null ? null : r.context().get(CONVERSATION_ID);
    if (conversation != null) {
      span.setMetadata("conversation_id", String.valueOf(conversation));
    }
    span.setMetadata("stream", cc.isStream());
  }

  private static void startModel(ChatModelObservationContext m, Span span) {
    String provider = provider(m.getOperationMetadata());
    if (provider != null) {
      span.setConfig("provider", provider);
    }
    Prompt p = m.getRequest();
    if (p == null) {
      return;
    }
    ChatOptions o = p.getOptions();
    if (o != null) {
      putIfSet(span, "model", o.getModel());
      putIfSet(span, "temperature", o.getTemperature());
      putIfSet(span, "max_tokens", o.getMaxTokens());
      putIfSet(span, "top_p", o.getTopP());
      putIfSet(span, "top_k", o.getTopK());
      putIfSet(span, "frequency_penalty", o.getFrequencyPenalty());
      putIfSet(span, "presence_penalty", o.getPresencePenalty());
      putIfSet(span, "stop_sequences", o.getStopSequences());
    }
    span.setConfig("streaming", isStreaming(m));
    span.setInput("chat_history", messages(p.getInstructions()));
  }

  private static void stopModel(ChatResponse r, Span span) {
    if (r == null) {
      return;
    }
    Generation g = r.getResult();
    if (g != null && g.getOutput() != null) {
      AssistantMessage a = g.getOutput();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("role", "assistant");
      out.put("content", a.getText());
      if (a.hasToolCalls()) {
        out.put("tool_calls", toolCalls(a.getToolCalls()));
      }
      if (g.getMetadata() != null && g.getMetadata().getFinishReason() != null) {
        out.put("finish_reason", g.getMetadata().getFinishReason());
      }
      span.setOutput(out);
    }
    ChatResponseMetadata md = r.getMetadata();
    if (md != null) {
      if (md.getModel() != null && !md.getModel().isEmpty()) {
        span.setMetadata("response_model", md.getModel());
      }
      if (md.getId() != null && !md.getId().isEmpty()) {
        span.setMetadata("response_id", md.getId());
      }
      usage(span, md.getUsage());
    }
  }

  private static void usage(Span span, Usage u) {
    if (u == null) {
      return;
    }
    Integer prompt = u.getPromptTokens();
    Integer completion = u.getCompletionTokens();
    Integer total = u.getTotalTokens();
    if (prompt != null || completion != null) {
      long p = prompt == null ? 0 : prompt;
      long c = completion == null ? 0 : completion;
      span.setTokenUsage(p, c, total == null ? p + c : total);
    }
  }

  /** Messages as HoneyHive shows a conversation: role and content, tool calls and tool results by id. */
  static List<Map<String, Object>> messages(List<Message> messages) {
    List<Map<String, Object>> out = new ArrayList<>(messages == null ? 0 : messages.size());
    if (messages == null) {
      return out;
    }
    for (Message m : messages) {
      if (m instanceof ToolResponseMessage t) {
        for (ToolResponseMessage.ToolResponse r : t.getResponses()) {
          Map<String, Object> msg = new LinkedHashMap<>();
          msg.put("role", "tool");
          msg.put("content", r.responseData());
          msg.put("tool_call_id", r.id());
          msg.put("name", r.name());
          out.add(msg);
        }
        continue;
      }
      Map<String, Object> msg = new LinkedHashMap<>();
      msg.put("role", m.getMessageType() == null ? "user" : m.getMessageType().getValue());
      msg.put("content", m.getText());
      if (m instanceof AssistantMessage a && a.hasToolCalls()) {
        msg.put("tool_calls", toolCalls(a.getToolCalls()));
      }
      out.add(msg);
    }
    return out;
  }

  private static List<Map<String, Object>> toolCalls(List<AssistantMessage.ToolCall> calls) {
    List<Map<String, Object>> out = new ArrayList<>(calls.size());
    for (AssistantMessage.ToolCall c : calls) {
      Map<String, Object> call = new LinkedHashMap<>();
      call.put("id", c.id());
      call.put("type", c.type());
      call.put("name", c.name());
      call.put("arguments", c.arguments());
      out.add(call);
    }
    return out;
  }

  private static String model(ChatOptions o) {
    return o == null ? null : o.getModel();
  }

  private static String provider(AiOperationMetadata md) {
    return md == null ? null : md.provider();
  }

  private static void putIfSet(Span span, String key, Object value) {
    if (value != null) {
      span.setConfig(key, value);
    }
  }
}
