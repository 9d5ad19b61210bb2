package ai.honeyhive;

import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.ConfigSources;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.internal.ActiveEvent;
import ai.honeyhive.internal.ContextExecutor;
import ai.honeyhive.internal.ContextExecutorService;
import ai.honeyhive.internal.ContextFrame;
import ai.honeyhive.internal.GlobalTracerSlot;
import ai.honeyhive.internal.NoopSpan;
import ai.honeyhive.internal.GlobalTracing;
import ai.honeyhive.internal.TraceContext;
import ai.honeyhive.internal.TracerRuntimes;
import ai.honeyhive.transport.export.EventExporter;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide tracer that the annotations use.
 *
 * <p>It is created on first use from system properties and the environment ({@code HH_API_KEY},
 * {@code HH_PROJECT}, ...), so annotated code needs no set-up. A JVM shutdown hook flushes it, so
 * sessions completed before an orderly exit are delivered. {@link #configure} replaces it.
 *
 * <p>It is also where traced code reaches the trace it runs in: {@link #currentSpan()} and
 * {@link #currentSession()} to enrich it, {@link #taskWrapping(ExecutorService)} to carry it to other
 * threads. Outside any trace these are no-ops that cost nothing.
 */
public final class HoneyHive {
  private static final Logger LOG = LoggerFactory.getLogger(HoneyHive.class);
  private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();
  /** Replaced tracers still shutting down, for the shutdown hook to wait for. */
  private static final Set<Thread> RETIRING = ConcurrentHashMap.newKeySet();
  private static volatile Tracer global;
  private static volatile boolean outsideTraceNoted;

  static {
    GlobalTracerSlot.register(new GlobalTracerSlot.Access() {
      @Override
      public Tracer current() {
        return global;
      }

      @Override
      public Tracer swap(Tracer tracer) {
        synchronized (HoneyHive.class) {   // the lock install() and the lazy creation take
          Tracer previous = global;
          global = tracer;
          GlobalTracing.publish(tracer == null ? null : TracerRuntimes.of(tracer));   // what the aspects read
          return previous;
        }
      }
    });
  }

  private HoneyHive() {}

  /** The process-wide tracer, created from the environment on first use. Never null. */
  public static Tracer tracer() {
    Tracer t = global;
    return t != null ? t : initFromEnvironment();
  }

  /**
   * Replaces the process-wide tracer with one built from {@code config} and the process's tracer
   * settings ({@link TracerSettings#fromEnvironment()}: {@code HH_DISABLE_TRACING},
   * {@code HH_SAMPLE_RATE}, {@code HH_REDACT_KEYS} and the rest apply, as they do to
   * {@link #tracer()}), shutting the previous one down (it delivers what it had). Returns the new
   * tracer. For settings of your own, {@link #install} a tracer from {@link Tracer#builder()}.
   */
  public static Tracer configure(HoneyHiveConfig config) {
    return install(Tracer.builder().config(config).settings(TracerSettings.fromEnvironment()).build());
  }

  /**
   * Makes {@code tracer} the process-wide tracer, shutting the previous one down. Returns it at
   * once: the previous tracer shuts down on a thread of its own, giving its sessions in flight
   * their time (see {@link Tracer#shutdown}); the JVM's shutdown hook waits for that too.
   */
  public static synchronized Tracer install(Tracer tracer) {
    Tracer previous = global;
    global = Objects.requireNonNull(tracer, "tracer");
    GlobalTracing.publish(TracerRuntimes.of(tracer));
    installShutdownHook();
    if (previous != null && previous != tracer) {
      retire(previous);
    }
    return tracer;
  }

  /** Shuts a replaced tracer down in the background; the shutdown hook joins what is still running. */
  private static void retire(Tracer previous) {
    Thread t = new Thread(() -> {
      try {
        previous.shutdown(previous.config().export().shutdownTimeout());
      } catch (RuntimeException | LinkageError e) {
        LOG.warn("HoneyHive: shutting down the replaced tracer failed: {}", e.toString());
      } finally {
        RETIRING.remove(Thread.currentThread());
      }
    }, "honeyhive-retire");
    t.setDaemon(true);   // the shutdown hook waits for it; it must not keep the JVM alive by itself
    RETIRING.add(t);
    try {
      t.start();
    } catch (RuntimeException | OutOfMemoryError e) {   // no thread to be had: shut it down here
      RETIRING.remove(t);
      previous.shutdown(previous.config().export().shutdownTimeout());
    }
  }

  /** Opens a session on the process-wide tracer; see {@link Tracer#startCurrentSession(String)}. */
  public static Session startCurrentSession(String name) {
    return tracer().startCurrentSession(name);
  }

  /** Starts a session current on no thread; see {@link Tracer#startDetachedSession(String)}. */
  public static Session startDetachedSession(String name) {
    return tracer().startDetachedSession(name);
  }

  /**
   * The event of the traced call in progress on this thread, to enrich it: metadata, metrics,
   * feedback, config, user properties, token usage and cost, or outputs that replace what the
   * method returns. Outside any traced call it is a span that records nothing.
   */
  public static Span currentSpan() {
    ContextFrame f = TraceContext.current();
    if (f instanceof ActiveEvent event) {
      return event;
    }
    noteOutsideTrace();
    return NoopSpan.INSTANCE;
  }

  /**
   * The session of the trace in progress on this thread, to enrich it or to make it current on
   * another thread; closing this handle does nothing. Outside any trace it records nothing.
   */
  public static Session currentSession() {
    ContextFrame f = TraceContext.current();
    if (f != null) {
      return f.session().handle();
    }
    noteOutsideTrace();
    return NoopSpan.INSTANCE;
  }

  /** {@code task}, run in this thread's current trace context wherever it runs; see {@link Context#wrap(Runnable)}. */
  public static Runnable wrap(Runnable task) {
    return Context.current().wrap(task);
  }

  /** {@code task}, run in this thread's current trace context wherever it runs; see {@link Context#wrap(Callable)}. */
  public static <T> Callable<T> wrap(Callable<T> task) {
    return Context.current().wrap(task);
  }

  /**
   * An executor that runs each task in the trace context of the thread that hands it over, so
   * traced calls in the task join the caller's trace as children of its current event. Use it
   * for {@code CompletableFuture.supplyAsync(supplier, executor)} and the other {@code *Async}
   * methods too. The worker's own context is restored after each task.
   */
  public static Executor taskWrapping(Executor executor) {
    if (executor instanceof ContextExecutor || executor instanceof ContextExecutorService) {
      return executor;
    }
    if (executor instanceof ExecutorService service) {
      return new ContextExecutorService(service);
    }
    return new ContextExecutor(executor);
  }

  /**
   * An executor service whose tasks run in the trace context of the thread that submits them;
   * see {@link #taskWrapping(Executor)}. Shutting it down shuts {@code executor} down; {@code shutdownNow()}
   * returns the tasks as wrapped.
   */
  public static ExecutorService taskWrapping(ExecutorService executor) {
    if (executor instanceof ContextExecutorService wrapped) {
      return wrapped;
    }
    return new ContextExecutorService(executor);
  }

  /** Enrichment outside a trace is fine (code runs traced and untraced); say so once, quietly. */
  private static void noteOutsideTrace() {
    if (!outsideTraceNoted) {
      outsideTraceNoted = true;
      LOG.debug("HoneyHive: span or session enrichment called outside any trace; it records nothing"
          + " (this is logged once)");
    }
  }

  /** Flushes the process-wide tracer; see {@link Tracer#flush(Duration)}. */
  public static boolean flush(Duration timeout) {
    return tracer().flush(timeout);
  }

  /** Shuts the process-wide tracer down; see {@link Tracer#shutdown(Duration)}. */
  public static boolean shutdown(Duration timeout) {
    return tracer().shutdown(timeout);
  }

  private static synchronized Tracer initFromEnvironment() {
    if (global == null) {
      Tracer t;
      try {
        // the one adapter: honeyhive.* properties, then HH_* variables, onto both builders
        ConfigSources sources = ConfigSources.system();
        t = Tracer.builder().config(sources.configBuilder().build())
            .settings(TracerSettings.builder(sources).build())
            .build();
      } catch (RuntimeException | LinkageError e) { // LinkageError: e.g. the HTTP client jar is missing
        if (e instanceof ConfigurationException) {
          LOG.error("HoneyHive tracing is off: {}", e.getMessage());
        } else {
          LOG.error("HoneyHive tracing is off: it could not start", e);
        }
        t = Tracer.builder()
            .settings(TracerSettings.builder().tracingEnabled(false).build())
            .synchronousExporter(EventExporter.noop())
            .build();
      }
      global = t;
      GlobalTracing.publish(TracerRuntimes.of(t));
      installShutdownHook();
    }
    return global;
  }

  private static void installShutdownHook() {
    if (HOOK_INSTALLED.compareAndSet(false, true)) {
      try {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          Tracer t = global;
          if (t != null) {
            // bounded by HH_SHUTDOWN_TIMEOUT_MS: sessions in flight are waited for and delivered, then the JVM exits
            Duration timeout = t.config().export().shutdownTimeout();
            long deadline = System.nanoTime() + timeout.toNanos();
            t.shutdown(timeout);
            for (Thread retiring : RETIRING) {   // tracers replaced shortly before exit finish delivering too
              long left = deadline - System.nanoTime();
              if (left <= 0) {
                break;
              }
              try {
                retiring.join(Math.max(1, left / 1_000_000L));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
              }
            }
          }
        }, "honeyhive-shutdown"));
      } catch (IllegalStateException | SecurityException e) {
        LOG.warn("HoneyHive could not install its shutdown hook; call HoneyHive.shutdown() before exit");
      }
    }
  }
}
