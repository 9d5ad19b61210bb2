package ai.honeyhive.openai.internal;

import ai.honeyhive.Context;
import ai.honeyhive.Span;
import ai.honeyhive.internal.IntegrationModelCalls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One chat completion being recorded: started with the request, ended once with the response or
 * the error. For a stream, the chunks are accumulated into the shape of a whole completion. Not
 * public API.
 */
final class ChatCall {
  private final Span span;
  private final String requestedModel;
  /** A Responses API call rather than a chat completion. */
  private final boolean responses;
  private final AtomicBoolean ended = new AtomicBoolean();
  // the stream's accumulation; chunks arrive one at a time, from the thread reading the stream
  private final StringBuilder content = new StringBuilder();
  private final TreeMap<Integer, Map<String, Object>> toolCalls = new TreeMap<>();
  private String model;
  private String id;
  private String finishReason;
  private Map<?, ?> usage;
  // a Responses stream: the output items reported done, and the whole response its last event carries
  private final List<Object> doneItems = new ArrayList<>();
  private Map<?, ?> finalResponse;

  private ChatCall(Span span, String requestedModel, boolean responses) {
    this.span = span;
    this.requestedModel = requestedModel;
    this.responses = responses;
  }

  /** Starts recording, or returns null when the call is being recorded already or recording fails. */
  static ChatCall start(Object params, boolean current) {
    try {
      if (IntegrationModelCalls.current()) {
        return null;   // a framework calling the SDK (LangChain4j, Spring AI) is recording this call already
      }
      boolean responses = params instanceof com.openai.models.responses.ResponseCreateParams;
      Map<String, Object> request = ChatEvents.wire(responses
          ? ((com.openai.models.responses.ResponseCreateParams) params)._body()
          : ((com.openai.models.chat.completions.ChatCompletionCreateParams) params)._body());
      String name = ChatEvents.name(request);
      // a call that returns when it is over is current while it runs; a future's or a stream's
      // event is current nowhere, so the caller's later work does not nest under it
      Span span = current ? IntegrationModelCalls.startModel(name)
          : IntegrationModelCalls.startModelUnder(Context.current(), name);
      ChatCall call = new ChatCall(span, request.get("model") == null ? null : request.get("model").toString(), responses);
      try {
        if (responses) {
          ResponseEvents.recordRequest(span, request);
        } else {
          ChatEvents.recordRequest(span, request);
        }
      } catch (Throwable t) {
        Failures.contain("request", t);
      }
      return call;
    } catch (Throwable t) {
      Failures.contain("start", t);
      return null;
    }
  }

  void succeeded(Object completion) {
    if (completion instanceof com.openai.models.chat.completions.StructuredChatCompletion<?> structured) {
      completion = structured.rawChatCompletion();
    } else if (completion instanceof com.openai.models.responses.StructuredResponse<?> structured) {
      completion = structured.rawResponse();
    }
    try {
      if (responses) {
        ResponseEvents.recordResponse(span, requestedModel, ChatEvents.wire(completion));
      } else {
        ChatEvents.recordResponse(span, requestedModel, ChatEvents.wire(completion));
      }
    } catch (Throwable t) {
      Failures.contain("response", t);
    }
    end();
  }

  void failed(Throwable error) {
    try {
      span.recordError(error);
    } catch (Throwable t) {
      Failures.contain("error", t);
    }
    end();
  }

  /** Adds a stream chunk (a chat completion chunk, or a Responses stream event) to the answer so far. */
  synchronized void chunk(Object sdkChunk) {
    try {
      Map<String, Object> c = ChatEvents.wire(sdkChunk);
      if (responses) {
        responseEvent(c);
        return;
      }
      if (c.get("model") != null) {
        model = c.get("model").toString();
      }
      if (c.get("id") != null) {
        id = c.get("id").toString();
      }
      if (c.get("usage") instanceof Map<?, ?> u) {
        usage = u;
      }
      if (c.get("choices") instanceof List<?> choices && !choices.isEmpty() && choices.get(0) instanceof Map<?, ?> choice) {
        if (choice.get("finish_reason") != null) {
          finishReason = choice.get("finish_reason").toString();
        }
        if (choice.get("delta") instanceof Map<?, ?> delta) {
          if (delta.get("content") instanceof String s) {
            content.append(s);
          }
          if (delta.get("tool_calls") instanceof List<?> calls) {
            for (Object o : calls) {
              if (o instanceof Map<?, ?> call) {
                mergeToolCall(call);
              }
            }
          }
        }
      }
    } catch (Throwable t) {
      Failures.contain("stream chunk", t);
    }
  }

  /**
   * A Responses stream event. The last one ({@code response.completed}, {@code .incomplete} or
   * {@code .failed}) carries the whole response, usage included; until then the text deltas and
   * the finished output items are kept, for a stream closed before its end.
   */
  private void responseEvent(Map<String, Object> event) {
    Object type = event.get("type");
    if (event.get("response") instanceof Map<?, ?> response) {
      if (response.get("model") != null) {
        model = response.get("model").toString();
      }
      if (response.get("id") != null) {
        id = response.get("id").toString();
      }
      if ("response.completed".equals(type) || "response.incomplete".equals(type) || "response.failed".equals(type)) {
        finalResponse = response;
      }
    } else if ("response.output_text.delta".equals(type) && event.get("delta") instanceof String delta) {
      content.append(delta);
    } else if ("response.output_item.done".equals(type) && event.get("item") != null) {
      doneItems.add(event.get("item"));
    }
  }

  /** What a Responses stream closed before its last event said, in the shape of a response. */
  private Map<String, Object> partialResponse() {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("id", id);
    response.put("model", model);
    List<Object> output = new ArrayList<>();
    boolean messageDone = false;
    for (Object item : doneItems) {
      output.add(item);
      messageDone |= item instanceof Map<?, ?> m && "message".equals(m.get("type"));
    }
    if (!messageDone && content.length() > 0) {
      output.add(Map.of("type", "message", "role", "assistant", "content", content.toString()));
    }
    response.put("output", output);
    response.put("status", "incomplete");
    return response;
  }

  private void mergeToolCall(Map<?, ?> call) {
    int index = call.get("index") instanceof Number n ? n.intValue() : toolCalls.size();
    Map<String, Object> acc = toolCalls.computeIfAbsent(index, i -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("function", new LinkedHashMap<String, Object>(Map.of("name", "", "arguments", "")));
      return m;
    });
    if (call.get("id") != null) {
      acc.put("id", call.get("id"));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> f = (Map<String, Object>) acc.get("function");
    if (call.get("function") instanceof Map<?, ?> delta) {
      if (delta.get("name") instanceof String name) {
        f.put("name", f.get("name") + name);
      }
      if (delta.get("arguments") instanceof String args) {
        f.put("arguments", f.get("arguments") + args);
      }
    }
  }

  /** The stream ended (read to the end, or closed): record what was accumulated as the response. */
  synchronized void streamEnded() {
    if (ended.get()) {
      return;
    }
    if (responses) {
      try {
        @SuppressWarnings("unchecked")
        Map<String, Object> response = finalResponse != null ? (Map<String, Object>) finalResponse : partialResponse();
        ResponseEvents.recordResponse(span, requestedModel, response);
      } catch (Throwable t) {
        Failures.contain("stream response", t);
      }
      end();
      return;
    }
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", content.length() == 0 && !toolCalls.isEmpty() ? null : content.toString());
    if (!toolCalls.isEmpty()) {
      message.put("tool_calls", new ArrayList<>(toolCalls.values()));
    }
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("message", message);
    choice.put("finish_reason", finishReason);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("id", id);
    response.put("model", model);
    response.put("choices", List.of(choice));
    if (usage != null) {
      response.put("usage", usage);
    }
    try {
      ChatEvents.recordResponse(span, requestedModel, response);
    } catch (Throwable t) {
      Failures.contain("stream response", t);
    }
    end();
  }

  private void end() {
    if (ended.compareAndSet(false, true)) {
      try {
        IntegrationModelCalls.end(span);
      } catch (Throwable t) {
        Failures.contain("end", t);
      }
    }
  }
}
