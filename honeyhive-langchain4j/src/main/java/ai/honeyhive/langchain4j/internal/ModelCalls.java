package ai.honeyhive.langchain4j.internal;

import ai.honeyhive.Span;
import ai.honeyhive.SpanKind;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Map;

/**
 * A chat model listener's calls: the span travels from request to response in the listener
 * context's attributes, which LangChain4j hands to all three callbacks of one call whatever the
 * thread (a streaming response ends on the HTTP client's thread). Not public API.
 */
public final class ModelCalls {
  /** The attributes key: a private object, so no other listener's key can collide with it. */
  private static final Object SPAN_KEY = new Object() {
    @Override
    public String toString() {
      return "honeyhive.span";
    }
  };

  private ModelCalls() {}

  public static void onRequest(Map<Object, Object> attributes, ChatRequest request, ModelProvider provider) {
    try {
      if (attributes == null || Recorder.modelEventCurrent()) {
        return;   // an AI Service call (or a second listener of ours) is recording this call already
      }
      Span span = Recorder.start(SpanKind.MODEL, ModelEvents.name(request, provider));
      attributes.put(SPAN_KEY, span);
      ModelEvents.recordRequest(span, request, provider);
    } catch (Throwable t) {
      Failures.contain("chat model request", t);
    }
  }

  public static void onResponse(Map<Object, Object> attributes, ChatRequest request, ChatResponse response) {
    try {
      Span span = take(attributes);
      if (span != null) {
        try {
          ModelEvents.recordResponse(span, request, response);
        } finally {
          Recorder.end(span);
        }
      }
    } catch (Throwable t) {
      Failures.contain("chat model response", t);
    }
  }

  public static void onError(Map<Object, Object> attributes, Throwable error) {
    try {
      Span span = take(attributes);
      if (span != null) {
        try {
          span.recordError(error);
        } finally {
          Recorder.end(span);
        }
      }
    } catch (Throwable t) {
      Failures.contain("chat model error", t);
    }
  }

  private static Span take(Map<Object, Object> attributes) {
    return attributes == null ? null : (Span) attributes.remove(SPAN_KEY);
  }
}
