package ai.honeyhive.aspects;

import ai.honeyhive.SpanKind;
import ai.honeyhive.Context;
import static ai.honeyhive.aspects.TracingTestSupport.assertConsistentTree;
import static ai.honeyhive.aspects.TracingTestSupport.byName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.internal.TraceContext;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Traced methods that return futures: their events end when the futures complete. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AsyncTracingTest {
  private InMemoryExporter exporter;
  private ExecutorService pool;
  private AsyncFixtures.Agent agent;

  @BeforeEach
  void install() {
    exporter = TracingTestSupport.installInMemoryTracer();
    pool = HoneyHive.taskWrapping(Executors.newFixedThreadPool(4));
    agent = new AsyncFixtures.Agent(pool);
  }

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(TraceContext.current()).as("nothing left current on the test thread").isNull();
  }

  @Test
  void aFutureCompletedOnAnotherThreadEndsTheEventThenWithItsValue() throws Exception {
    CompletableFuture<String> returned = agent.awaitPending("a");

    assertThat(returned).as("the caller gets the very future the method returned").isSameAs(agent.pending);
    assertThat(TraceContext.current()).as("the event is no longer current once the method returned").isNull();
    assertThat(exporter.batches()).as("the event is still open").isEmpty();

    long returnedAt = System.nanoTime();
    AtomicReference<String> completer = new AtomicReference<>();
    Thread other = new Thread(() -> {
      awaitMillisSince(returnedAt, 30);
      completer.set(Thread.currentThread().getName());
      agent.pending.complete("the value");
    }, "completer");
    other.start();
    other.join();

    assertThat(returned.get()).isEqualTo("the value");
    BatchRequest batch = exporter.batches().get(0);
    Event e = batch.events().get(0);
    assertThat(e.eventName()).isEqualTo("awaitPending");
    assertThat(e.inputs()).containsEntry("label", "a");
    assertThat(e.outputs()).containsExactly(Map.entry("result", "the value"));
    assertThat(e.error()).isNull();
    assertThat(e.duration()).as("duration runs to completion, not to return").isGreaterThanOrEqualTo(30.0);
    assertThat(e.endTime() - e.startTime()).isGreaterThanOrEqualTo(29L);
    assertThat(completer.get()).isEqualTo("completer");
  }

  @Test
  void aFutureFailingOnAnotherThreadRecordsTheErrorAndTheCallerSeesTheSameFailure() throws Exception {
    CompletableFuture<String> returned = agent.awaitPending("b");
    IllegalStateException failure = new IllegalStateException("model overloaded");
    Thread other = new Thread(() -> agent.pending.completeExceptionally(failure));
    other.start();
    other.join();

    Throwable seen = catchThrowable(returned::get);
    assertThat(seen).isInstanceOf(ExecutionException.class).hasCauseReference(failure);
    Event e = exporter.events().get(0);
    assertThat(e.error()).isEqualTo("java.lang.IllegalStateException: model overloaded");
    assertThat(e.outputs()).isEmpty();
    assertThat(exporter.batches().get(0).sessionProperties().error())
        .isEqualTo("java.lang.IllegalStateException: model overloaded");
  }

  @Test
  void aFailureInsideAsyncWorkIsRecordedUnwrapped() {
    CompletableFuture<String> returned = agent.failingAsync("no route");
    Throwable seen = catchThrowable(returned::join);

    assertThat(seen).isInstanceOf(CompletionException.class).hasCauseInstanceOf(IllegalStateException.class);
    await().atMost(5, TimeUnit.SECONDS).until(() -> !exporter.batches().isEmpty());
    assertThat(exporter.events().get(0).error()).isEqualTo("java.lang.IllegalStateException: no route");
  }

  @Test
  void anAlreadyCompletedStageEndsAtReturn() throws Exception {
    CompletionStage<String> stage = agent.alreadyDone("x");
    assertThat(stage.toCompletableFuture().get()).isEqualTo("done x");
    assertThat(exporter.batches()).hasSize(1);
    assertThat(exporter.events().get(0).outputs()).containsEntry("result", "done x");
  }

  @Test
  void theCallersEnclosingEventIsCurrentAgainAfterAnAsyncCallReturns() throws Exception {
    String[] seen = new String[2];
    String outerId = HoneyHive.tracer().trace(ai.honeyhive.SpanKind.CHAIN, "outer", Map.of(), span -> {
      agent.awaitPending("c");
      seen[0] = Context.current().spanId().orElse("none");
      return span.spanId();
    });
    assertThat(seen[0]).isEqualTo(outerId);
    assertThat(exporter.batches()).as("the session waits for the open async child").isEmpty();

    agent.pending.complete("late");
    BatchRequest batch = exporter.batches().get(0);
    assertConsistentTree(batch);
    assertThat(byName(batch, "awaitPending").parentId()).isEqualTo(outerId);
    assertThat(byName(batch, "awaitPending").outputs()).containsEntry("result", "late");
  }

  @Test
  void parallelToolsAndANestedAsyncModelCallFormOneTree() throws Exception {
    String answer = agent.plan("g").get();

    assertThat(answer).isEqualTo("v-g#1+v-g#2|answer(g)");
    await().atMost(5, TimeUnit.SECONDS).until(() -> !exporter.batches().isEmpty());
    assertThat(exporter.batches()).hasSize(1);
    BatchRequest batch = exporter.batches().get(0);
    assertConsistentTree(batch);
    assertThat(batch.events()).hasSize(4);
    Event plan = byName(batch, "plan");
    assertThat(plan.parentId()).isEqualTo(batch.sessionProperties().sessionId());
    assertThat(plan.childrenIds()).hasSize(3);
    assertThat(plan.outputs()).containsEntry("result", "v-g#1+v-g#2|answer(g)");
    Event model = byName(batch, "completeAsync");
    assertThat(model.parentId()).isEqualTo(plan.eventId());
    assertThat(model.outputs()).containsEntry("result", "answer(g)");
    assertThat(model.metadata()).containsEntry("prompt_tokens", 1L).containsEntry("completion_tokens", 7L)
        .containsEntry("total_tokens", 8L).containsEntry("cost", 0.001);
    assertThat(batch.sessionProperties().outputs()).isEqualTo(plan.outputs());
  }

  @Test
  void nestedAsyncChainsAndAContinuationKeepTheirParents() throws Exception {
    assertThat(agent.outerAsync("q").get()).isEqualTo("answer(v-q)");

    await().atMost(5, TimeUnit.SECONDS).until(() -> !exporter.batches().isEmpty());
    BatchRequest batch = exporter.batches().get(0);
    assertConsistentTree(batch);
    assertThat(batch.events()).hasSize(4);
    Event outer = byName(batch, "outerAsync");
    Event inner = byName(batch, "innerAsync");
    Event lookup = byName(batch, "lookup");
    Event model = byName(batch, "completeAsync");
    assertThat(inner.parentId()).isEqualTo(outer.eventId());
    assertThat(lookup.parentId()).isEqualTo(inner.eventId());
    assertThat(model.parentId()).as("the continuation runs in the context it was chained in").isEqualTo(outer.eventId());
    assertThat(model.inputs()).containsEntry("prompt", "v-q");
    assertThat(outer.outputs()).containsEntry("result", "answer(v-q)");
    assertThat(inner.outputs()).containsEntry("result", "v-q");
  }

  @Test
  void aFanOutOfTenToolsIsOneTreeWithTenChildren() throws Exception {
    List<String> results = agent.fanOut(10).get();

    assertThat(results).hasSize(10).startsWith("v-k0").endsWith("v-k9");
    await().atMost(5, TimeUnit.SECONDS).until(() -> !exporter.batches().isEmpty());
    assertThat(exporter.batches()).as("one session, not ten").hasSize(1);
    BatchRequest batch = exporter.batches().get(0);
    assertConsistentTree(batch);
    Event root = byName(batch, "fanOut");
    assertThat(root.childrenIds()).hasSize(10);
    assertThat(batch.events()).hasSize(11);
    assertThat(batch.events()).filteredOn(e -> e.eventName().equals("lookup"))
        .allMatch(e -> e.parentId().equals(root.eventId()))
        .extracting(e -> e.inputs().get("key"))
        .containsExactlyInAnyOrder("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9");
  }

  /** Lets real time pass without using it to order threads: nothing waits on this but the clock. */
  private static void awaitMillisSince(long startNanos, long millis) {
    long deadline = startNanos + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }
}
