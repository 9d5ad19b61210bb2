package ai.honeyhive.spring.internal;

import ai.honeyhive.Context;
import ai.honeyhive.Scope;
import ai.honeyhive.Session;
import ai.honeyhive.Span;
import ai.honeyhive.SpanKind;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.ArrayDeque;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationContext;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;

/**
 * Turns Spring AI's observations into events of the current session: a {@code ChatClient} call is
 * a chain, a chat model call a model event, a tool call a tool event, an embedding call a model
 * event and a vector-store query a tool event. Events nest as Spring AI nests its observations,
 * and under the caller's traced method when there is one.
 *
 * <p>A non-streaming observation's event is current on the calling thread while it runs, so what
 * runs inside it (a traced tool method) nests under it. A streaming one is started under its parent
 * without being made current: it ends when the stream completes, on whatever thread that is.
 *
 * <p>A chat model call's event is also current on every thread while Spring AI has the
 * observation's scope open there, and is noted as a model call a framework is recording, so that
 * the OpenAI SDK wrapper ({@code HoneyHiveOpenAI.wrap}, or the agent's switch) under Spring AI's
 * OpenAI model does not record the same call again.
 *
 * <p>Never throws into Spring AI: every failure here is logged once and otherwise ignored. Safe to
 * register twice on the same registry (Boot's registration and ours): an observation is taken by
 * the first call only. Not public API.
 */
public final class SpringAiObservationHandler implements ObservationHandler<Observation.Context> {
  private static final Logger LOG = LoggerFactory.getLogger(SpringAiObservationHandler.class);
  private static volatile boolean failureLogged;
  /**
   * The scopes this thread opened for observations' scopes, innermost last: Micrometer closes an
   * observation scope on the thread that opened it, in reverse order. A scope of an observation that
   * is not ours is a no-op entry, so every close pops what its open pushed.
   */
  private static final ThreadLocal<ArrayDeque<Scope>> SCOPES = ThreadLocal.withInitial(ArrayDeque::new);
  private static final Scope NO_SCOPE = () -> { };

  /** What an observation's event is, kept in the observation's own context; scope: a conversation's session made current. */
  private record Traced(Span span, Context context, Scope scope) {}

  private final ConversationSessions conversations;

  public SpringAiObservationHandler() {
    this(null);
  }

  /** With {@code conversations}, a ChatClient call that is the outermost traced call joins its conversation's session. */
  public SpringAiObservationHandler(ConversationSessions conversations) {
    this.conversations = conversations;
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return context instanceof ChatModelObservationContext
        || context instanceof ChatClientObservationContext
        || context instanceof ToolCallingObservationContext
        || context instanceof EmbeddingModelObservationContext
        || SpringAiEvents.isVectorStore(context);
  }

  @Override
  public void onStart(Observation.Context context) {
    try {
      if (context.get(Traced.class) != null) {
        return;   // already taken by another registration of this handler
      }
      SpanKind kind = SpringAiEvents.kind(context);
      String name = SpringAiEvents.name(context);
      boolean streaming = SpringAiEvents.isStreaming(context);
      Context parent = parentOf(context);
      Scope conversation = null;
      if (parent == null && conversations != null && context instanceof ChatClientObservationContext cc) {
        conversation = joinConversation(cc);
        if (conversation != null && streaming) {
          parent = TracerBridge.currentContext();   // the conversation's session, for the span started under it
          conversation.close();
          conversation = null;
        }
      }
      TracerBridge.Started started;
      if (!streaming && (parent == null || sameSpan(parent, TracerBridge.currentContext()))) {
        started = TracerBridge.startCurrent(kind, name);
      } else {
        started = TracerBridge.startUnder(parent != null ? parent : TracerBridge.currentContext(), kind, name);
      }
      context.put(Traced.class, new Traced(started.span(), started.context(), conversation));
      if (context instanceof ChatModelObservationContext) {
        TracerBridge.modelCallStarted(started.span());
      }
      SpringAiEvents.recordStart(context, started.span());
    } catch (Throwable ours) {
      contain(ours);
    }
  }

  @Override
  public void onError(Observation.Context context) {
    try {
      Traced t = context.get(Traced.class);
      Throwable error = context.getError();
      if (t != null && error != null) {
        t.span().recordError(error);
      }
      if (t != null) {
        TracerBridge.modelCallEnded(t.span());   // no-op unless a chat model call; stop follows
      }
    } catch (Throwable ours) {
      contain(ours);
    }
  }

  @Override
  public void onStop(Observation.Context context) {
    try {
      Traced t = (Traced) context.remove(Traced.class);
      if (t == null) {
        return;
      }
      try {
        SpringAiEvents.recordStop(context, t.span());
      } finally {
        TracerBridge.modelCallEnded(t.span());
        t.span().end();
        if (t.scope() != null) {
          t.scope().close();   // on this thread only: a scope closed elsewhere does nothing
        }
      }
    } catch (Throwable ours) {
      contain(ours);
    }
  }

  /**
   * Makes the observation's event current on this thread while Spring AI has its scope open here:
   * what Spring AI calls inside the scope (the OpenAI SDK, on a thread a stream resumes on) then sees
   * the event as its caller. For a call that is not streamed the event is current already.
   */
  @Override
  public void onScopeOpened(Observation.Context context) {
    Scope scope = NO_SCOPE;
    try {
      Traced t = context.get(Traced.class);
      if (t != null) {
        scope = t.context().makeCurrent();
      }
    } catch (Throwable ours) {
      contain(ours);
    } finally {
      SCOPES.get().addLast(scope);
    }
  }

  @Override
  public void onScopeClosed(Observation.Context context) {
    try {
      Scope scope = SCOPES.get().pollLast();
      if (scope != null) {
        scope.close();
      }
    } catch (Throwable ours) {
      contain(ours);
    }
  }

  /** Micrometer drops every observation scope of this thread at once: so do we, innermost first. */
  @Override
  public void onScopeReset(Observation.Context context) {
    try {
      ArrayDeque<Scope> scopes = SCOPES.get();
      for (Scope s = scopes.pollLast(); s != null; s = scopes.pollLast()) {
        s.close();
      }
    } catch (Throwable ours) {
      contain(ours);
    }
  }

  /**
   * Makes the session of this call's conversation current, when the call carries a conversation id
   * and nothing on this thread is traced already (a traced caller's session wins).
   */
  private Scope joinConversation(ChatClientObservationContext cc) {
    if (TracerBridge.currentContext().sessionId().isPresent()) {
      return null;
    }
    String id = SpringAiEvents.conversationId(cc);
    if (id == null) {
      return null;
    }
    Session session = conversations.sessionFor(id);
    return session == null ? null : session.makeCurrent();
  }

  /** The context of the parent observation's event, if Spring AI nests this observation under one of ours. */
  private static Context parentOf(Observation.Context context) {
    for (io.micrometer.observation.ObservationView p = context.getParentObservation(); p != null;
        p = p.getContextView() instanceof Observation.Context c ? c.getParentObservation() : null) {
      if (p.getContextView() instanceof Observation.Context c) {
        Traced t = c.get(Traced.class);
        if (t != null) {
          return t.context();
        }
      }
    }
    return null;
  }

  private static boolean sameSpan(Context a, Context b) {
    Optional<String> x = a.spanId();
    return x.isPresent() && x.equals(b.spanId());
  }

  private static void contain(Throwable ours) {
    if (!failureLogged) {
      failureLogged = true;
      LOG.warn("HoneyHive: recording a Spring AI observation failed (said once; the call itself is unaffected): {}",
          ours.toString());
    }
  }
}
