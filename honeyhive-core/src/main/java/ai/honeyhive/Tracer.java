package ai.honeyhive;

import ai.honeyhive.transport.internal.Deadlines;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.internal.ActiveEvent;
import ai.honeyhive.internal.AsyncCompletion;
import ai.honeyhive.internal.ContextFrame;
import ai.honeyhive.internal.NoopSpan;
import ai.honeyhive.internal.SessionScope;
import ai.honeyhive.internal.SessionTree;
import ai.honeyhive.internal.TraceContext;
import ai.honeyhive.internal.TracerRuntime;
import ai.honeyhive.internal.TracerRuntimes;
import ai.honeyhive.transport.export.ExportStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Records traced calls as events of per-session trees and hands each completed session to its
 * exporters. Works with or without AspectJ: the annotations' aspects call the same methods as
 * user code does.
 *
 * <p>Most applications use the process-wide tracer, {@link HoneyHive#tracer()}. Create one with
 * {@link #create(HoneyHiveConfig)} or {@link #builder()} to choose its settings or exporters, e.g. in tests.
 * Nothing here throws into the caller: the library's own failures are logged and counted.
 */
public final class Tracer {
  static {
    TracerRuntimes.register(t -> t.runtime, (b, p) -> b.processor(p));
  }

  /**
   * The part of {@link #shutdown}'s timeout kept for delivery: the wait for sessions in flight ends
   * this long before the deadline (at most half the timeout), so what they recorded can still be sent.
   */
  static final long DELIVERY_RESERVE_MILLIS = 2_000;

  private final TracerRuntime runtime;

  Tracer(TracerRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * A tracer with the exporters the configuration asks for and the default {@link TracerSettings}
   * (it reads no environment). For the process's {@code HH_*} tracer settings as well:
   * {@code Tracer.builder().config(config).settings(TracerSettings.fromEnvironment()).build()}.
   */
  public static Tracer create(HoneyHiveConfig config) {
    return builder().config(config).build();
  }

  /** A builder starting from the defaults; it reads neither system properties nor the environment. */
  public static TracerBuilder builder() {
    return new TracerBuilder();
  }

  /**
   * Starts a span of the given kind as a child of the current span (or the root of a new
   * session) and makes it current on this thread until it ends.
   */
  public Span startSpan(SpanKind kind, String name) {
    if (!runtime.recordsHere()) {
      return NoopSpan.INSTANCE;
    }
    try {
      Span span = runtime.begin(Objects.requireNonNull(kind, "kind").eventType(), name == null ? "unnamed" : name);
      return span != null ? span : NoopSpan.INSTANCE;
    } catch (Throwable t) {
      runtime.internalError("startSpan", t);
      return NoopSpan.INSTANCE;
    }
  }

  /**
   * Runs {@code body} as a traced call: an event with the given inputs, whose outputs are the
   * value returned and whose error is anything thrown. The value is returned and the exception
   * rethrown unchanged. If the value is a {@link CompletionStage}, the event ends when it
   * completes (outputs from its value, error from its failure) and is no longer current on this
   * thread once {@code trace} returns.
   */
  public <T, E extends Throwable> T trace(SpanKind kind, String name, Map<String, ?> inputs,
      TracedBody<T, E> body) throws E {
    Span span = startSpan(kind, name);
    try {
      span.setInputs(inputs);
    } catch (Throwable ours) {   // e.g. the caller's map changed under us: record less, run the body anyway
      runtime.internalError("inputs of a traced call", ours);
    }
    T result;
    try {
      result = body.call(span);
    } catch (Throwable t) {
      try {
        span.recordError(t);
      } catch (Throwable ours) {
        runtime.internalError("error of a traced call", ours);
      } finally {
        try {
          span.end();
        } catch (Throwable ours) {
          runtime.internalError("end of a traced call", ours);
        }
      }
      throw t;
    }
    if (span instanceof ActiveEvent event) {
      try {
        if (result instanceof CompletionStage<?> stage) {
          AsyncCompletion.endWhenComplete(event, stage, true);
        } else {
          event.recordReturn(result);
          event.end();
        }
      } catch (Throwable ours) {
        runtime.internalError("end of a traced call", ours);
      }
    }
    return result;
  }

  /**
   * Opens a session and makes it current on this thread until it is closed; use it in
   * try-with-resources. Traced calls inside become the session's top-level events.
   */
  public Session startCurrentSession(String name) {
    return startCurrentSession(name, Map.of());
  }

  /** Opens a session with session-level inputs; see {@link #startCurrentSession(String)}. */
  public Session startCurrentSession(String name, Map<String, ?> inputs) {
    if (!runtime.enabled()) {
      return NoopSpan.INSTANCE;
    }
    try {
      SessionScope scope = runtime.openSession(name);
      if (inputs != null) {
        inputs.forEach(scope::setInput);
      }
      return scope;
    } catch (Throwable t) {
      runtime.internalError("newSession", t);
      return NoopSpan.INSTANCE;
    }
  }

  /**
   * Opens a session that is current on no thread: {@link Session#makeCurrent()} it where work for
   * it runs, on any thread, and close it from any thread when the work is done. It is announced
   * (and what it still holds exported) once it is closed and all of its events have ended; a long
   * session exports its completed subtrees as it goes.
   */
  public Session startDetachedSession(String name) {
    if (!runtime.enabled()) {
      return NoopSpan.INSTANCE;
    }
    try {
      return runtime.startSession(name);
    } catch (Throwable t) {
      runtime.internalError("startSession", t);
      return NoopSpan.INSTANCE;
    }
  }

  public boolean isEnabled() {
    return runtime.enabled();
  }

  /** Whether a traced call starting on this thread now is recorded: see {@link TracerRuntime#recordsHere()}. */
  boolean recordsHere() {
    return runtime.recordsHere();
  }

  /**
   * How many sessions were exported as they stood rather than complete: past a session limit
   * ({@code HH_MAX_SESSION_EVENTS}, {@code HH_MAX_SESSION_AGE_MS}) or still open when shutdown's
   * wait was over. Their open events were sent marked {@code honeyhive_incomplete}.
   */
  public long incompleteSessionCount() {
    return runtime.sessionsCut();
  }

  /** Switches tracing on or off at run time; calls in progress finish as they started. */
  public void setEnabled(boolean enabled) {
    runtime.setEnabled(enabled);
  }

  /** Where its events go and how they are sent. */
  public HoneyHiveConfig config() {
    return runtime.config().connection();
  }

  /** What it records: sampling, limits, redaction, session name, local outputs. */
  public TracerSettings settings() {
    return runtime.config().settings();
  }

  /** How many times the library's own code failed (and was contained) in this tracer. */
  public long internalErrorCount() {
    return runtime.internalErrors();
  }

  /**
   * What became of the events of completed sessions: queued, sent, dropped because the queue was
   * full or the tracer shut down, failed for good, and how many requests were retried.
   */
  public ExportStats exportStats() {
    try {
      return runtime.processor().stats();
    } catch (RuntimeException e) {
      runtime.internalError("exportStats", e);
      return ExportStats.EMPTY;
    }
  }

  /**
   * Waits at most {@code timeout} until every completed session is exported or given up on;
   * true if none is left pending. {@link #exportStats()} says what was sent and what was lost.
   */
  public boolean flush(Duration timeout) {
    return runtime.processor().flush(timeout);
  }

  /**
   * Stops tracing and delivers what was traced, within {@code timeout} in all:
   * <ol>
   * <li>No new session starts; calls inside the sessions in flight (a model call still running)
   * are still recorded, so those sessions can complete.
   * <li>It waits for the sessions in flight to complete, until {@code timeout} minus a reserve for
   * delivery ({@value #DELIVERY_RESERVE_MILLIS} ms, at most half the timeout). Sessions open on
   * the calling thread (shutdown called from inside a traced call) are not waited for: they
   * cannot complete while it waits.
   * <li>A session still open then is exported as it stands: its open events end now, with the
   * outputs recorded so far, marked {@code metadata.honeyhive_incomplete = true}. What they do
   * afterwards is not recorded. A piece of those sessions handed over just before (taken out
   * of its session, not yet queued) is waited for, within the timeout.
   * <li>The exporters are flushed and stopped within what is left of {@code timeout}.
   * </ol>
   * True if every session completed and the export worker finished within the timeout: every
   * event was sent or given up on for good (a rejected key, a request the API refused, spans a
   * receiver rejected). {@link #exportStats()} says which; what was lost is also logged.
   */
  public boolean shutdown(Duration timeout) {
    long start = System.nanoTime();
    long total = Deadlines.nanos(timeout);
    boolean allCompleted;
    try {
      Set<SessionTree> own = runtime.beginShutdown();
      long reserve = Math.min(total / 2, DELIVERY_RESERVE_MILLIS * 1_000_000L);
      allCompleted = runtime.awaitSessionsInFlight(start + (total - reserve), own);
      allCompleted &= runtime.cutSessionsInFlight();
      // a piece a session handed over just before it was cut (taken out of the session, not yet
      // queued) is queued before the processor stops taking pieces: the session stays among those
      // in flight until its hand-over is done. With the batching processor a hand-over is a queue
      // offer, done at once; with a synchronous exporter it is the delivery itself, which may take
      // what is left of the timeout. Sessions counted after the cut are not waited for.
      runtime.awaitHandOversOfCut(start + total);
    } catch (RuntimeException | LinkageError e) {
      runtime.internalError("shutdown", e);
      allCompleted = false;
    }
    long left = Math.max(0, total - (System.nanoTime() - start));
    boolean delivered = runtime.processor().shutdown(Duration.ofNanos(left));
    return allCompleted && delivered;
  }

  @Override
  public String toString() {
    return "Tracer{" + runtime.config() + ", processor=" + runtime.processor() + "}";
  }
}
