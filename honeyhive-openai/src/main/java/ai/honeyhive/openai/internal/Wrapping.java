package ai.honeyhive.openai.internal;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.StructuredChatCompletionCreateParams;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.StructuredResponseCreateParams;
import com.openai.services.async.ChatServiceAsync;
import com.openai.services.async.ResponseServiceAsync;
import com.openai.services.async.chat.ChatCompletionServiceAsync;
import com.openai.services.blocking.ChatService;
import com.openai.services.blocking.ResponseService;
import com.openai.services.blocking.chat.ChatCompletionService;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;

/**
 * Dynamic proxies over the SDK's client and service interfaces: every method goes to the SDK's
 * own object unchanged, except the chat completion and Responses calls ({@code create},
 * {@code createStreaming}, blocking and async), which are recorded, and the methods that derive a
 * client or service ({@code withOptions}, {@code chat()}, {@code responses()}, {@code async()}),
 * whose result is wrapped too. Proxies rather than subclasses, so methods the SDK adds later pass
 * through. Not public API.
 */
public final class Wrapping {
  private Wrapping() {}

  public static OpenAIClient client(OpenAIClient client) {
    if (client == null || isOurs(client)) {
      return client;
    }
    return proxy(OpenAIClient.class, client, (m, args, delegate) -> switch (m.getName()) {
      case "withOptions" -> client((OpenAIClient) call(m, delegate, args));
      case "chat" -> chat((ChatService) call(m, delegate, args));
      case "responses" -> responses((ResponseService) call(m, delegate, args));
      case "async" -> asyncClient((OpenAIClientAsync) call(m, delegate, args));
      default -> call(m, delegate, args);
    });
  }

  public static OpenAIClientAsync asyncClient(OpenAIClientAsync client) {
    if (client == null || isOurs(client)) {
      return client;
    }
    return proxy(OpenAIClientAsync.class, client, (m, args, delegate) -> switch (m.getName()) {
      case "withOptions" -> asyncClient((OpenAIClientAsync) call(m, delegate, args));
      case "chat" -> asyncChat((ChatServiceAsync) call(m, delegate, args));
      case "responses" -> asyncResponses((ResponseServiceAsync) call(m, delegate, args));
      case "sync" -> client((OpenAIClient) call(m, delegate, args));
      default -> call(m, delegate, args);
    });
  }

  private static ChatService chat(ChatService service) {
    return proxy(ChatService.class, service, (m, args, delegate) -> switch (m.getName()) {
      case "withOptions" -> chat((ChatService) call(m, delegate, args));
      case "completions" -> completions((ChatCompletionService) call(m, delegate, args));
      default -> call(m, delegate, args);
    });
  }

  private static ChatServiceAsync asyncChat(ChatServiceAsync service) {
    return proxy(ChatServiceAsync.class, service, (m, args, delegate) -> switch (m.getName()) {
      case "withOptions" -> asyncChat((ChatServiceAsync) call(m, delegate, args));
      case "completions" -> asyncCompletions((ChatCompletionServiceAsync) call(m, delegate, args));
      default -> call(m, delegate, args);
    });
  }

  private static ChatCompletionService completions(ChatCompletionService service) {
    return proxy(ChatCompletionService.class, service, (m, args, delegate) -> m.getName().equals("withOptions")
        ? completions((ChatCompletionService) call(m, delegate, args))
        : blocking(m, delegate, args));
  }

  private static ResponseService responses(ResponseService service) {
    return proxy(ResponseService.class, service, (m, args, delegate) -> m.getName().equals("withOptions")
        ? responses((ResponseService) call(m, delegate, args))
        : blocking(m, delegate, args));
  }

  private static ChatCompletionServiceAsync asyncCompletions(ChatCompletionServiceAsync service) {
    return proxy(ChatCompletionServiceAsync.class, service, (m, args, delegate) -> m.getName().equals("withOptions")
        ? asyncCompletions((ChatCompletionServiceAsync) call(m, delegate, args))
        : async(m, delegate, args));
  }

  private static ResponseServiceAsync asyncResponses(ResponseServiceAsync service) {
    return proxy(ResponseServiceAsync.class, service, (m, args, delegate) -> m.getName().equals("withOptions")
        ? asyncResponses((ResponseServiceAsync) call(m, delegate, args))
        : async(m, delegate, args));
  }

  /**
   * The request a call sends, if it is one we record: chat completion or Responses params, or a
   * structured-output call's own params (whose default method calls the SDK's service directly,
   * so it is recorded here, once). Null for every other call.
   */
  static Object request(Object[] args) {
    if (args == null || args.length == 0) {
      return null;
    }
    Object first = args[0];
    if (first instanceof ChatCompletionCreateParams || first instanceof ResponseCreateParams) {
      return first;
    }
    if (first instanceof StructuredChatCompletionCreateParams<?> structured) {
      return structured.rawParams();
    }
    if (first instanceof StructuredResponseCreateParams<?> structured) {
      return structured.rawParams();
    }
    return null;
  }

  /** A blocking service's call: {@code create} returns when the call is over, {@code createStreaming} a stream. */
  private static Object blocking(Method m, Object delegate, Object[] args) throws Throwable {
    Object request = request(args);
    if (request == null) {
      return call(m, delegate, args);
    }
    return switch (m.getName()) {
      // a call that returns when it is over: its event is current while it runs
      case "create" -> record(m, delegate, args, request, true, (result, recording) -> {
        recording.succeeded(result);
        return result;
      });
      case "createStreaming" -> record(m, delegate, args, request, false,
          (stream, recording) -> new RecordingStream<>((StreamResponse<?>) stream, recording));
      default -> call(m, delegate, args);
    };
  }

  /** An async service's call: {@code create} returns a future, {@code createStreaming} an async stream. */
  private static Object async(Method m, Object delegate, Object[] args) throws Throwable {
    Object request = request(args);
    if (request == null) {
      return call(m, delegate, args);
    }
    return switch (m.getName()) {
      case "create" -> record(m, delegate, args, request, false, (future, recording) -> {
        // the caller keeps the SDK's own future; ours only watches it
        ((CompletableFuture<?>) future).whenComplete((result, failure) -> {
          if (failure != null) {
            recording.failed(unwrap(failure));
          } else {
            recording.succeeded(result);
          }
        });
        return future;
      });
      case "createStreaming" -> record(m, delegate, args, request, false,
          (stream, recording) -> new RecordingAsyncStream<>((AsyncStreamResponse<?>) stream, recording));
      default -> call(m, delegate, args);
    };
  }

  /**
   * Starts recording {@code request} and calls the SDK; what the SDK throws at once is recorded
   * and rethrown unchanged, and what it returns goes to {@code finish} with the recording (to be
   * recorded now, or watched until a stream or future is done). Not recorded when the call is
   * being recorded already.
   */
  private static Object record(Method m, Object delegate, Object[] args, Object request, boolean current,
      Finish finish) throws Throwable {
    ChatCall recording = ChatCall.start(request, current);
    if (recording == null) {
      return call(m, delegate, args);
    }
    Object result;
    try {
      result = call(m, delegate, args);
    } catch (Throwable t) {
      recording.failed(t);
      throw t;
    }
    return finish.apply(result, recording);
  }

  @FunctionalInterface
  private interface Finish {
    Object apply(Object result, ChatCall recording);
  }

  private static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  // --- proxy plumbing ---

  @FunctionalInterface
  private interface Handler<T> {
    Object handle(Method method, Object[] args, T delegate) throws Throwable;
  }

  private static final class Recording<T> implements InvocationHandler {
    final T delegate;
    final Handler<T> handler;

    Recording(T delegate, Handler<T> handler) {
      this.delegate = delegate;
      this.handler = handler;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> "HoneyHive-recorded " + delegate;
        };
      }
      return handler.handle(method, args, delegate);
    }
  }

  private static <T> T proxy(Class<T> type, T delegate, Handler<T> handler) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        new Recording<>(delegate, handler)));
  }

  private static boolean isOurs(Object o) {
    return Proxy.isProxyClass(o.getClass()) && Proxy.getInvocationHandler(o) instanceof Recording<?>;
  }

  /** Calls the SDK's own method; what it throws reaches the caller unchanged. */
  private static Object call(Method m, Object delegate, Object[] args) throws Throwable {
    try {
      return m.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
