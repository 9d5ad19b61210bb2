package ai.honeyhive.test;

import ai.honeyhive.Tracer;
import ai.honeyhive.TracerBuilder;
import ai.honeyhive.test.internal.SessionPieces;
import ai.honeyhive.test.internal.TracerFactory;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * What a test's tracer recorded: every completed session, exported synchronously (a session is
 * here as soon as it completes, on the thread that completed it). {@link HoneyHiveTestExtension}
 * hands one to each test; {@link #create()} makes one by hand, with its own {@link #tracer()}.
 *
 * <p>The finders fail with an {@link AssertionError} that lists what was recorded.
 */
public final class RecordedTraces {
  private final SessionPieces pieces = new SessionPieces();
  private final List<BatchRequest> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Tracer tracer;
  private final Object changed = new Object();

  private RecordedTraces(UnaryOperator<TracerBuilder> customizer) {
    this.tracer = TracerFactory.recordingTracer(customizer, this::record);
  }

  /** A recorder with a tracer of its own (not installed anywhere), the defaults otherwise. */
  public static RecordedTraces create() {
    return new RecordedTraces(UnaryOperator.identity());
  }

  /**
   * A recorder whose tracer is built with {@code customizer} applied to the builder first, e.g.
   * {@code b -> b.masker(...)} or {@code b -> b.config(...)}. The customizer must not set a
   * processor or exporters: the recorder is the processor.
   */
  public static RecordedTraces create(UnaryOperator<TracerBuilder> customizer) {
    return new RecordedTraces(Objects.requireNonNull(customizer, "customizer"));
  }

  private CompletableFuture<Void> record(java.util.Collection<BatchRequest> exported) {
    for (BatchRequest b : exported) {
      batches.add(b);
      if (b.sessionProperties() != null) {
        pieces.add(b.sessionProperties(), b.events());
      } else {
        pieces.addEvents(b.events());
      }
    }
    synchronized (changed) {
      changed.notifyAll();
    }
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Waits until at least {@code count} sessions completed, for code whose sessions complete on
   * other threads after it returns (a {@code CompletableFuture} pipeline, a session closed by a
   * callback), and returns them all; fails with what was recorded if the time runs out.
   */
  public List<RecordedSession> awaitSessions(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (changed) {
      while (true) {
        List<RecordedSession> all = sessions();
        if (all.size() >= count) {
          return all;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("Expected " + count + " completed sessions within " + timeout + " but found "
              + all.size() + describe(all));
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(changed, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for sessions", e);
        }
      }
    }
  }

  /** The tracer that records here. */
  public Tracer tracer() {
    return tracer;
  }

  /** Every recorded session, in the order they were first exported. */
  public List<RecordedSession> sessions() {
    return pieces.sessions();
  }

  /** Every recorded event of every session. */
  public List<Event> events() {
    List<Event> all = new ArrayList<>();
    for (RecordedSession s : sessions()) {
      all.addAll(s.events());
    }
    return all;
  }

  /** The exported batches as the exporter received them (one per session piece). */
  public List<BatchRequest> batches() {
    return List.copyOf(batches);
  }

  /** The one recorded session; fails if there is none or more than one. */
  public RecordedSession onlySession() {
    List<RecordedSession> all = sessions();
    if (all.size() != 1) {
      throw new AssertionError("Expected exactly one recorded session but found " + all.size() + describe(all));
    }
    return all.get(0);
  }

  /** The one session named {@code name} ({@code session_name}); fails if there is none or more than one. */
  public RecordedSession session(String name) {
    return only(sessions().stream().filter(s -> Objects.equals(s.name(), name)).collect(Collectors.toList()),
        "session named \"" + name + "\"");
  }

  /** The one session with a top-level event named {@code rootName}; fails if there is none or more than one. */
  public RecordedSession sessionWithRoot(String rootName) {
    return only(sessions().stream()
        .filter(s -> s.roots().stream().anyMatch(e -> Objects.equals(e.eventName(), rootName)))
        .collect(Collectors.toList()), "session with a top-level event named \"" + rootName + "\"");
  }

  /** The session with this id; fails if there is none. */
  public RecordedSession sessionWithId(String sessionId) {
    return only(sessions().stream().filter(s -> Objects.equals(s.id(), sessionId)).collect(Collectors.toList()),
        "session with id " + sessionId);
  }

  /** Forgets everything recorded so far. */
  public void clear() {
    pieces.clear();
    batches.clear();
  }

  private RecordedSession only(List<RecordedSession> found, String what) {
    if (found.size() == 1) {
      return found.get(0);
    }
    throw new AssertionError("Expected exactly one " + what + " but found " + found.size() + describe(sessions()));
  }

  private static String describe(List<RecordedSession> all) {
    if (all.isEmpty()) {
      return "; nothing was recorded (did the traced code run on this test's tracer, and did its sessions complete?)";
    }
    StringBuilder sb = new StringBuilder("; recorded:\n");
    for (RecordedSession s : all) {
      sb.append(s);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "RecordedTraces" + sessions().stream().map(RecordedSession::name).collect(Collectors.toList());
  }
}
