package ai.honeyhive.langchain4j.internal;

import ai.honeyhive.Context;
import ai.honeyhive.Span;
import ai.honeyhive.SpanKind;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.observability.api.DefaultAiServiceListenerRegistrar;
import dev.langchain4j.observability.api.event.AiServiceCompletedEvent;
import dev.langchain4j.observability.api.event.AiServiceErrorEvent;
import dev.langchain4j.observability.api.event.AiServiceEvent;
import dev.langchain4j.observability.api.event.AiServiceRequestIssuedEvent;
import dev.langchain4j.observability.api.event.AiServiceResponseReceivedEvent;
import dev.langchain4j.observability.api.event.AiServiceStartedEvent;
import dev.langchain4j.observability.api.event.ToolExecutedEvent;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * LangChain4j's own registrar (the application's listeners still get every event) that first
 * turns the AI Service events into HoneyHive events: the call as a chain event, each model
 * request/response pair as a model event under it, each tool execution as a tool event under it.
 * Events of one call are tied together by LangChain4j's invocation id, not by the thread, because
 * a streaming call's events arrive on the HTTP client's threads. Not public API.
 */
final class TracingRegistrar extends DefaultAiServiceListenerRegistrar {
  /**
   * Calls open at once, at most: a call whose end LangChain4j never reports (a TokenStream that is
   * never started) must not hold memory forever. Past it, the oldest-looking calls are ended as
   * they stand (their sessions are cut at HH_MAX_SESSION_AGE_MS anyway).
   */
  static final int MAX_OPEN_CALLS = 10_000;

  private final ConcurrentMap<UUID, Invocation> invocations = new ConcurrentHashMap<>();

  /** One AI Service call in progress. Its events may come from several threads, one at a time. */
  private static final class Invocation {
    final Span chain;
    /** The chain's context: where its children start when they start on another thread. */
    final Context context;
    Span model;
    /** The tool requests of the current round, in the order LangChain4j runs and reports them. */
    List<ToolExecutionRequest> roundTools = List.of();
    /** The next of them to be reported, and its event, started when the tool could start. */
    int nextTool;
    Span tool;

    Invocation(Span chain, Context context) {
      this.chain = chain;
      this.context = context;
    }

    /** Starts a child of the chain: current here if the chain is current here, else current nowhere. */
    Span startChild(SpanKind type, String name) {
      String chainId = chain.spanId();
      if (chainId != null && Objects.equals(chainId, Recorder.currentEventId())) {
        return Recorder.start(type, name);
      }
      return Recorder.startUnder(context, type, name);
    }
  }

  @Override
  public <T extends AiServiceEvent> void fireEvent(T event) {
    try {
      record(event);
    } catch (Throwable t) {
      Failures.contain("AI Service event", t);
    }
    super.fireEvent(event);
  }

  private void record(AiServiceEvent event) {
    InvocationContext ic = event.invocationContext();
    if (ic == null || ic.invocationId() == null) {
      return;
    }
    UUID id = ic.invocationId();
    if (event instanceof AiServiceStartedEvent started) {
      started(id, ic, started);
      return;
    }
    Invocation inv = invocations.get(id);
    if (inv == null) {
      return;
    }
    synchronized (inv) {
      if (event instanceof AiServiceRequestIssuedEvent issued) {
        endModel(inv, null);   // a request whose response we never saw: not left open
        endRound(inv, null);
        ChatRequest request = ModelEvents.withDefaults(issued.request(), ic.defaultRequestParameters());
        Span model = inv.startChild(SpanKind.MODEL, ModelEvents.name(request, ic.modelProvider()));
        ModelEvents.recordRequest(model, request, ic.modelProvider());
        inv.model = model;
      } else if (event instanceof AiServiceResponseReceivedEvent received) {
        if (inv.model != null) {
          ChatRequest request = ModelEvents.withDefaults(received.request(), ic.defaultRequestParameters());
          ModelEvents.recordResponse(inv.model, request, received.response());
          endModel(inv, null);
        }
        if (received.response() != null && received.response().aiMessage() != null
            && received.response().aiMessage().hasToolExecutionRequests()) {
          endRound(inv, null);
          inv.roundTools = List.copyOf(received.response().aiMessage().toolExecutionRequests());
          startNextTool(inv);
        }
      } else if (event instanceof ToolExecutedEvent tool) {
        recordTool(inv, tool);
      } else if (event instanceof AiServiceCompletedEvent completed) {
        invocations.remove(id);
        endModel(inv, null);
        endRound(inv, null);
        inv.chain.setOutput(completed.result().orElse(null));
        Recorder.end(inv.chain);
      } else if (event instanceof AiServiceErrorEvent failed) {
        invocations.remove(id);
        endModel(inv, failed.error());
        endRound(inv, failed.error());
        inv.chain.recordError(failed.error());
        Recorder.end(inv.chain);
      }
    }
  }

  private void started(UUID id, InvocationContext ic, AiServiceStartedEvent started) {
    Span chain = Recorder.start(SpanKind.CHAIN, simpleName(ic.interfaceName()) + "." + ic.methodName());
    Context context = Recorder.currentContext();
    UserMessage user = started.userMessage();
    if (user != null) {
      chain.setInput("user_message", ModelEvents.message(user).get("content"));
    }
    started.systemMessage().ifPresent(s -> chain.setInput("system_message", s.text()));
    chain.setMetadata("interface", ic.interfaceName());
    chain.setMetadata("method", ic.methodName());
    chain.setMetadata("invocation_id", ic.invocationId().toString());
    Invocation previous = invocations.put(id, new Invocation(chain, context));
    if (previous != null) {   // started twice with one id: close the first rather than leak it
      Recorder.end(previous.chain);
    }
    if (invocations.size() > MAX_OPEN_CALLS) {
      evict(id);
    }
  }

  /** Ends calls other than {@code keep} until the map is back under its bound. */
  private void evict(UUID keep) {
    for (UUID other : invocations.keySet()) {
      if (invocations.size() <= MAX_OPEN_CALLS) {
        return;
      }
      if (!other.equals(keep)) {
        Invocation dropped = invocations.remove(other);
        if (dropped != null) {
          synchronized (dropped) {
            endModel(dropped, null);
            endRound(dropped, null);
            dropped.chain.setMetadata("honeyhive_end_not_reported", true);
            Recorder.end(dropped.chain);
          }
        }
      }
    }
  }

  /** How many calls are open; for tests. */
  int openCalls() {
    return invocations.size();
  }

  private static void endModel(Invocation inv, Throwable error) {
    Span model = inv.model;
    if (model == null) {
      return;
    }
    inv.model = null;
    if (error != null) {
      model.recordError(error);
    }
    Recorder.end(model);
  }

  /**
   * Starts the event of the round's next tool. LangChain4j says nothing when a tool starts, only
   * when it is over ({@link ToolExecutedEvent}); it runs a round's tools one after the other, in
   * order, right after the response asking for them. So a tool's event starts when the tool could
   * start: at that response for the first, at the previous tool's report for the others. That is
   * the tool's real run for a single tool and for a streaming AI Service (which reports each tool
   * as it ends); LangChain4j's blocking loop reports a round's tools only when all of them are over,
   * so there the first tool's event covers the whole round and the others' take no time.
   */
  private static void startNextTool(Invocation inv) {
    if (inv.nextTool >= inv.roundTools.size()) {
      return;
    }
    ToolExecutionRequest request = inv.roundTools.get(inv.nextTool);
    Span tool = inv.startChild(SpanKind.TOOL, request.name() == null ? "tool" : request.name());
    tool.setInput("arguments", request.arguments());
    if (request.id() != null) {
      tool.setMetadata("tool_call_id", request.id());
    }
    inv.tool = tool;
  }

  /** A tool's report: ends its event (started by {@link #startNextTool}) and starts the next one's. */
  private static void recordTool(Invocation inv, ToolExecutedEvent event) {
    ToolExecutionRequest request = event.request();
    Span tool = null;
    if (inv.tool != null && sameRequest(inv.roundTools.get(inv.nextTool), request)) {
      tool = inv.tool;
      inv.tool = null;
      inv.nextTool++;
    }
    if (tool == null) {
      // not the tool we expected next (or no round known): recorded at its report, with no duration
      String name = request == null || request.name() == null ? "tool" : request.name();
      tool = inv.startChild(SpanKind.TOOL, name);
      if (request != null) {
        tool.setInput("arguments", request.arguments());
        if (request.id() != null) {
          tool.setMetadata("tool_call_id", request.id());
        }
      }
    }
    try {
      tool.setOutput(event.resultText());
    } finally {
      Recorder.end(tool);
    }
    if (inv.tool == null) {
      startNextTool(inv);
    }
  }

  private static boolean sameRequest(ToolExecutionRequest expected, ToolExecutionRequest reported) {
    if (reported == null) {
      return false;
    }
    if (expected.id() != null || reported.id() != null) {
      return Objects.equals(expected.id(), reported.id());
    }
    return Objects.equals(expected.name(), reported.name()) && Objects.equals(expected.arguments(), reported.arguments());
  }

  /**
   * The round is over (the next model request, the call's end or its failure): a tool started but
   * never reported is ended, with the call's error if it failed.
   */
  private static void endRound(Invocation inv, Throwable error) {
    Span tool = inv.tool;
    inv.tool = null;
    inv.roundTools = List.of();
    inv.nextTool = 0;
    if (tool != null) {
      if (error != null) {
        tool.recordError(error);
      } else {
        tool.setMetadata("honeyhive_end_not_reported", true);
      }
      Recorder.end(tool);
    }
  }

  private static String simpleName(String className) {
    if (className == null) {
      return "AiService";
    }
    int dot = Math.max(className.lastIndexOf('.'), className.lastIndexOf('$'));
    return dot < 0 ? className : className.substring(dot + 1);
  }
}
