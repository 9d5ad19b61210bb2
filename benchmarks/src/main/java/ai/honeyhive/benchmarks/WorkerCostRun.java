package ai.honeyhive.benchmarks;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Tracer;
import ai.honeyhive.internal.TracerRuntimes;
import ai.honeyhive.transport.export.internal.CompletedSession;
import ai.honeyhive.transport.export.internal.SessionProcessor;
import ai.honeyhive.transport.internal.JsonMappers;
import ai.honeyhive.transport.internal.JsonSize;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the export worker's CPU goes per event, measured on one thread without the HTTP client,
 * the server or the producers competing for the cores: the {@link Workload#answer} sessions are
 * collected as the tracer completes them, then each phase the worker runs is timed over all of
 * them: the size a session declares for the queue's byte limit (on the caller's thread),
 * assembling the body ({@link CompletedSession#toBatchRequest}), building the request's event list,
 * and serializing the request once; and, for comparison, the value walk the worker skips for
 * sessions that declare their size. Options: {@code --sessions N} (default 200,000), {@code --rounds N}.
 */
public final class WorkerCostRun {
  private WorkerCostRun() {}

  public static void main(String[] args) throws Exception {
    CountOptions options = CountOptions.parse(args, Map.of("sessions", 200_000, "rounds", 5));
    int sessions = options.get("sessions");
    int rounds = options.get("rounds");
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int round = 1; round <= rounds; round++) {
      List<CompletedSession> completed = new ArrayList<>(sessions);
      Tracer tracer = HoneyHive.install(TracerRuntimes.withProcessor(Tracer.builder()
          .config(BenchmarkTracers.config()).settings(BenchmarkTracers.settings().tracingEnabled(true).build()), new Collecting(completed))
          .build());
      Workload workload = new Workload();
      for (int i = 0; i < sessions; i++) {
        workload.answer("what is the refund policy", "user-42");
      }
      tracer.shutdown(Duration.ofSeconds(1));
      long events = 0;
      long declared = 0;
      long t0 = mx.getCurrentThreadCpuTime();
      for (CompletedSession s : completed) {
        declared += s.estimatedBytes(); // asked on the caller's thread, for the queue's byte limit
      }
      long t1 = mx.getCurrentThreadCpuTime();
      List<BatchRequest> bodies = new ArrayList<>(completed.size());
      for (CompletedSession s : completed) {
        BatchRequest b = s.toBatchRequest();
        bodies.add(b);
        events += b.events().size();
      }
      long t2 = mx.getCurrentThreadCpuTime();
      long walked = 0;
      for (BatchRequest b : bodies) {
        for (Event e : b.events()) {
          walked += JsonSize.estimate(e.inputs()) + JsonSize.estimate(e.outputs()) + JsonSize.estimate(e.metadata());
        }
      }
      long t3 = mx.getCurrentThreadCpuTime();
      List<BatchRequest> requests = new ArrayList<>();
      List<Event> current = new ArrayList<>();
      for (BatchRequest b : bodies) {
        current.addAll(b.events());
        if (current.size() >= 1000) {
          requests.add(new BatchRequest(current, Boolean.FALSE, null));
          current = new ArrayList<>();
        }
      }
      long t4 = mx.getCurrentThreadCpuTime();
      long bytes = 0;
      for (BatchRequest r : requests) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(r.events().size() * 640);
        JsonMappers.mapper().writer().writeValue(out, r); // as the HTTP exporter does: one growing array
        bytes += out.size();
      }
      long t5 = mx.getCurrentThreadCpuTime();
      double n = events;
      System.out.printf(Locale.ROOT, "round %d: %,d events; per event: declared size (caller) %.0f ns;"
              + " worker: assemble %.0f ns, combine %.0f ns, serialize %.0f ns (%.0f bytes/event, declared %.0f);"
              + " worker total %.0f ns; a value walk, skipped for tracer sessions, would add %.0f ns (%d)%n",
          round, events, (t1 - t0) / n, (t2 - t1) / n, (t4 - t3) / n, (t5 - t4) / n, bytes / n, declared / n,
          ((t2 - t1) + (t5 - t3)) / n, (t3 - t2) / n, walked % 10);
    }
  }

  /** Keeps every completed session, unassembled. */
  private static final class Collecting implements SessionProcessor {
    private final List<CompletedSession> sessions;

    Collecting(List<CompletedSession> sessions) {
      this.sessions = sessions;
    }

    @Override
    public void onSessionEnd(BatchRequest session) {
      sessions.add(CompletedSession.of(session));
    }

    @Override
    public void onSessionEnd(CompletedSession session) {
      sessions.add(session);
    }

    @Override
    public boolean flush(Duration timeout) {
      return true;
    }

    @Override
    public boolean shutdown(Duration timeout) {
      return true;
    }
  }
}
