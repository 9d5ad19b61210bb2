package ai.honeyhive.aspects;

import static ai.honeyhive.aspects.TracingTestSupport.assertConsistentTree;
import static ai.honeyhive.aspects.TracingTestSupport.byName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.internal.TraceContext;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ConcurrentAsyncSessionsTest {

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aThousandConcurrentAsyncSessionsGiveSeparateCompleteTrees() throws Exception {
    InMemoryExporter exporter = TracingTestSupport.installInMemoryTracer();
    ExecutorService workers = HoneyHive.taskWrapping(Executors.newFixedThreadPool(8));
    ExecutorService callers = Executors.newFixedThreadPool(16);
    AsyncFixtures.Agent agent = new AsyncFixtures.Agent(workers);
    int sessions = 1000;
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<CompletableFuture<String>>> started = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      String goal = "goal-" + i;
      started.add(CompletableFuture.supplyAsync(() -> {
        awaitQuietly(start);
        CompletableFuture<String> answer = agent.plan(goal);
        if (TraceContext.current() != null) {
          throw new AssertionError("the caller's thread kept the async session current");
        }
        return answer;
      }, callers));
    }
    start.countDown();
    for (int i = 0; i < sessions; i++) {
      assertThat(started.get(i).get().get()).isEqualTo("v-goal-" + i + "#1+v-goal-" + i + "#2|answer(goal-" + i + ")");
    }
    await().atMost(20, TimeUnit.SECONDS).until(() -> exporter.batches().size() >= sessions);
    callers.shutdown();
    workers.shutdown();
    assertThat(workers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    List<BatchRequest> batches = exporter.batches();
    assertThat(batches).hasSize(sessions);
    Set<String> sessionIds = new HashSet<>();
    Set<String> goals = new HashSet<>();
    Set<String> eventIds = new HashSet<>();
    for (BatchRequest batch : batches) {
      assertConsistentTree(batch);
      assertThat(sessionIds.add(batch.sessionProperties().sessionId())).isTrue();
      assertThat(batch.events()).hasSize(4);
      Event plan = byName(batch, "plan");
      String goal = (String) plan.inputs().get("goal");
      assertThat(goals.add(goal)).as("each goal in exactly one session").isTrue();
      assertThat(plan.childrenIds()).hasSize(3);
      assertThat(batch.events()).filteredOn(e -> e.eventName().equals("lookup"))
          .extracting(e -> e.inputs().get("key")).containsExactlyInAnyOrder(goal + "#1", goal + "#2");
      Event model = byName(batch, "completeAsync");
      assertThat(model.inputs()).containsEntry("prompt", goal);
      assertThat(model.metadata()).containsEntry("prompt_tokens", (long) goal.length());
      assertThat(plan.outputs().get("result")).isEqualTo("v-" + goal + "#1+v-" + goal + "#2|answer(" + goal + ")");
      for (Event e : batch.events()) {
        assertThat(eventIds.add(e.eventId())).isTrue();
      }
    }
    assertThat(goals).hasSize(sessions);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
