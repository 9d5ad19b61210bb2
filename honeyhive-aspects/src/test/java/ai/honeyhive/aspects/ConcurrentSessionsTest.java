package ai.honeyhive.aspects;

import static ai.honeyhive.aspects.TracingTestSupport.assertConsistentTree;
import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.internal.TraceContext;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ConcurrentSessionsTest {

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void sixtyFourThreadsOfAHundredSessionsEachGiveSeparateCorrectTrees() throws Exception {
    InMemoryExporter exporter = TracingTestSupport.installInMemoryTracer();
    Fixtures.Pipeline pipeline = new Fixtures.Pipeline();
    int threads = 64;
    int sessionsPerThread = 100;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      results.add(pool.submit(() -> {
        start.await();
        for (int s = 0; s < sessionsPerThread; s++) {
          String q = "t" + thread + "-s" + s;
          pipeline.answer(q);
          if (TraceContext.current() != null) {
            return false;
          }
        }
        return true;
      }));
    }
    start.countDown();
    for (Future<Boolean> r : results) {
      assertThat(r.get()).as("no context left behind on the worker thread").isTrue();
    }
    pool.shutdown();

    List<BatchRequest> batches = exporter.batches();
    assertThat(batches).hasSize(threads * sessionsPerThread);
    Set<String> sessionIds = new HashSet<>();
    Set<String> questions = new HashSet<>();
    Set<String> eventIds = new HashSet<>();
    for (BatchRequest batch : batches) {
      assertConsistentTree(batch);
      assertThat(sessionIds.add(batch.sessionProperties().sessionId())).isTrue();
      assertThat(batch.events()).hasSize(4);
      Event root = batch.events().get(0);
      String question = (String) root.inputs().get("question");
      assertThat(questions.add(question)).as("each question in exactly one session").isTrue();
      assertThat(root.childrenIds()).hasSize(3);
      // every event of the session came from this question's call
      Event retrieve = batch.events().get(1);
      assertThat(retrieve.inputs().get("query")).isEqualTo(question);
      for (Event e : batch.events()) {
        assertThat(eventIds.add(e.eventId())).isTrue();
      }
    }
    assertThat(questions).hasSize(threads * sessionsPerThread);
  }
}
