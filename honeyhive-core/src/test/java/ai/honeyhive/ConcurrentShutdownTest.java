package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.transport.export.EventExporter;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Shutdown and the sessions in flight while many threads work: sessions starting and completing
 * on every thread at once leave only the open ones registered, for shutdown to cut.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrentShutdownTest {
  private static final int THREADS = 8;
  private static final String INCOMPLETE = "honeyhive_incomplete";

  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  private static Tracer tracer(Received received) {
    return Tracer.builder().config(TestTracers.config()).settings(TestTracers.settings())
        .synchronousExporter(received).build();
  }

  /** What a tracer exported, kept small: how often each event and announcement came, and the events named "held". */
  private static final class Received implements EventExporter {
    final Map<String, AtomicInteger> timesById = new ConcurrentHashMap<>();
    final Map<String, Event> byId = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> announcements = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<Void> export(Collection<BatchRequest> batches) {
      for (BatchRequest b : batches) {
        if (b.sessionProperties().announces()) {
          announcements.computeIfAbsent(b.sessionProperties().sessionId(), k -> new AtomicInteger()).incrementAndGet();
        }
        for (Event e : b.events()) {
          timesById.computeIfAbsent(e.eventId(), k -> new AtomicInteger()).incrementAndGet();
          // the small ones whole; of the many steps only what is asserted on
          byId.put(e.eventId(), e.eventName().startsWith("held") || e.eventName().startsWith("open") ? e
              : Event.builder().eventId(e.eventId()).sessionId(e.sessionId()).eventName(e.eventName())
                  .metadata(Boolean.TRUE.equals(e.metadata().get(INCOMPLETE)) ? Map.of(INCOMPLETE, true) : Map.of())
                  .build());
        }
      }
      return CompletableFuture.completedFuture(null);
    }

    int times(String eventId) {
      AtomicInteger n = timesById.get(eventId);
      return n == null ? 0 : n.get();
    }

    boolean incomplete(String eventId) {
      return Boolean.TRUE.equals(byId.get(eventId).metadata().get(INCOMPLETE));
    }

    void assertNothingExportedTwice() {
      assertThat(timesById.entrySet().stream().filter(e -> e.getValue().get() != 1)
          .map(e -> byId.get(e.getKey()).eventName() + " " + e.getKey() + " x" + e.getValue()).toList())
          .as("events exported more than once").isEmpty();
      assertThat(announcements.entrySet().stream().filter(e -> e.getValue().get() != 1)
          .map(e -> e.getKey() + " x" + e.getValue()).toList())
          .as("sessions announced more than once").isEmpty();
    }
  }

  // ---- the sessions in flight, registered and taken out on every thread at once

  private static final int SESSIONS_PER_THREAD = 5_000;

  @Test
  void sessionsStartingAndCompletingOnManyThreadsAtOnceLeaveOnlyTheOpenOnesForShutdownToCut() throws Exception {
    Received received = new Received();
    Tracer tracer = tracer(received);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<String>>> done = new ArrayList<>();
    Session[] held = new Session[THREADS];
    Span[] open = new Span[THREADS];
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        go.await();
        List<String> completed = new ArrayList<>();
        for (int i = 0; i < SESSIONS_PER_THREAD; i++) {
          if (i == SESSIONS_PER_THREAD / 2) {
            // one session per thread left open, registered among the ones that come and go
            held[thread] = tracer.startDetachedSession("held " + thread);
            try (Scope scope = held[thread].makeCurrent()) {
              open[thread] = tracer.startSpan(SpanKind.CHAIN, "open " + thread);
            }
          }
          completed.add(tracer.trace(SpanKind.CHAIN, "root", Map.of(), root -> {
            completed.add(tracer.trace(SpanKind.TOOL, "leaf", Map.of(), leaf -> leaf.spanId()));
            return root.spanId();
          }));
        }
        return completed;
      }));
    }
    go.countDown();
    List<String> completed = new ArrayList<>();
    for (Future<List<String>> f : done) {
      completed.addAll(f.get(30, TimeUnit.SECONDS));
    }

    boolean everythingCompleted = tracer.shutdown(Duration.ofMillis(400));

    assertThat(everythingCompleted).as("shutdown found sessions open").isFalse();
    assertThat(tracer.incompleteSessionCount()).as("sessions cut: the held ones, no completed one").isEqualTo(THREADS);
    assertThat(completed).hasSize(THREADS * SESSIONS_PER_THREAD * 2);
    assertThat(completed.stream().filter(id -> received.times(id) != 1).toList())
        .as("events of completed sessions not exported exactly once").isEmpty();
    assertThat(completed.stream().filter(received::incomplete).toList())
        .as("events of completed sessions marked incomplete").isEmpty();
    for (int t = 0; t < THREADS; t++) {
      assertThat(received.times(open[t].spanId())).as("times the span open in held %d was exported", t).isEqualTo(1);
      assertThat(received.incomplete(open[t].spanId())).as("span open in held %d marked incomplete", t).isTrue();
      assertThat(received.announcements).as("held %d announced", t).containsKey(held[t].sessionId());
      open[t].end();
      held[t].close();
    }
    received.assertNothingExportedTwice();
    assertThat(received.timesById).hasSize(THREADS * SESSIONS_PER_THREAD * 2 + THREADS);
    assertThat(tracer.internalErrorCount()).as("internal errors").isZero();
  }
}
