package ai.honeyhive.aspects;

import ai.honeyhive.SpanKind;
import static ai.honeyhive.aspects.TracingTestSupport.assertConsistentTree;
import static ai.honeyhive.aspects.TracingTestSupport.byName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.honeyhive.Context;
import ai.honeyhive.HoneyHive;
import ai.honeyhive.Scope;
import ai.honeyhive.Session;
import ai.honeyhive.Span;
import ai.honeyhive.internal.TraceContext;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The trace context carried across threads by wrapped tasks and executors, and sessions handed between threads. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ContextPropagationTest {
  private InMemoryExporter exporter;
  private ExecutorService raw;
  private ExecutorService pool;
  private final Fixtures.Pipeline pipeline = new Fixtures.Pipeline();
  private final AsyncFixtures.Sampled tools = new AsyncFixtures.Sampled();

  @BeforeEach
  void install() {
    exporter = TracingTestSupport.installInMemoryTracer();
    raw = Executors.newFixedThreadPool(3);
    pool = HoneyHive.taskWrapping(raw);
  }

  @AfterEach
  void stop() throws Exception {
    // every worker is clean: a task that is not wrapped sees no context
    List<Future<Boolean>> clean = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      clean.add(raw.submit(() -> TraceContext.current() == null));
    }
    for (Future<Boolean> f : clean) {
      assertThat(f.get()).as("no context left on a worker").isTrue();
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(TraceContext.current()).isNull();
  }

  @Test
  void outsideATraceTheCurrentContextIsTheEmptyOneAndNotANewObject() {
    assertThat(Context.current()).isSameAs(Context.empty());
    assertThat(Context.current().sessionId()).isEmpty();
    assertThat(Context.current().spanId()).isEmpty();
  }

  @Test
  void aWrappedRunnableAndCallableRunAsChildrenOfTheEventCurrentWhenWrapped() throws Exception {
    AtomicReference<String> fromRunnable = new AtomicReference<>();
    String[] ids = new String[2];
    try (Span span = HoneyHive.tracer().startSpan(SpanKind.CHAIN, "parent")) {
      ids[0] = span.spanId();
      Runnable r = HoneyHive.wrap(() -> fromRunnable.set(tools.whereAmI()));
      Callable<String> c = HoneyHive.wrap(tools::whereAmI);
      Thread t = new Thread(r);
      t.start();
      t.join();
      ids[1] = raw.submit(c).get();
    }
    BatchRequest batch = exporter.batches().get(0);
    assertConsistentTree(batch);
    Event parent = byName(batch, "parent");
    assertThat(parent.childrenIds()).hasSize(2).contains(fromRunnable.get(), ids[1]);
    assertThat(batch.events()).filteredOn(e -> e.eventName().equals("whereAmI"))
        .allMatch(e -> e.parentId().equals(ids[0]));
  }

  @Test
  void aWorkersOwnContextIsRestoredAfterAWrappedTaskAndTheEmptyContextHidesIt() throws Exception {
    String[] seen = new String[4];
    try (Span outer = HoneyHive.tracer().startSpan(SpanKind.CHAIN, "worker-own")) {
      Runnable inOther;
      Runnable inNone = Context.empty().wrap(() -> {
        seen[1] = Context.current().spanId().orElse("none");
      });
      Span other = HoneyHive.tracer().startSpan(SpanKind.CHAIN, "other");
      inOther = HoneyHive.wrap(() -> {
        seen[0] = Context.current().spanId().orElse("none");
      });
      other.end();
      assertThat(Context.current().spanId()).contains(outer.spanId());

      inOther.run();   // run inline, as a caller-runs or work-stealing pool would
      seen[2] = Context.current().spanId().orElse("none");
      inNone.run();
      seen[3] = Context.current().spanId().orElse("none");
      assertThat(seen[0]).isEqualTo(other.spanId());
      assertThat(seen[1]).as("an empty context hides the worker's own").isEqualTo("none");
      assertThat(seen[2]).isEqualTo(outer.spanId());
      assertThat(seen[3]).isEqualTo(outer.spanId());
    }
  }

  @Test
  void aScopeClosedOnAnotherThreadOrTwiceChangesNothing() throws Exception {
    Span span = HoneyHive.tracer().startSpan(SpanKind.CHAIN, "held");
    Context captured = Context.current();
    span.end();
    assertThat(TraceContext.current()).isNull();

    Scope scope = captured.makeCurrent();
    assertThat(Context.current().spanId()).contains(span.spanId());
    Thread t = new Thread(scope::close);
    t.start();
    t.join();
    assertThat(Context.current().spanId()).as("closing elsewhere does nothing").contains(span.spanId());
    scope.close();
    assertThat(TraceContext.current()).isNull();
    try (Span another = HoneyHive.tracer().startSpan(SpanKind.TOOL, "another")) {
      scope.close();
      assertThat(Context.current().spanId()).as("closing twice does nothing").contains(another.spanId());
    }
  }

  @Test
  void invokeAllOnAWrappedPoolFansOutUnderTheCallersEvent() throws Exception {
    String rootId;
    try (Span root = HoneyHive.tracer().startSpan(SpanKind.CHAIN, "fan")) {
      rootId = root.spanId();
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        int n = i;
        tasks.add(() -> tools.add(n, 1));
      }
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        assertThat(f.get()).isPositive();
      }
    }
    assertThat(exporter.batches()).hasSize(1);
    BatchRequest batch = exporter.batches().get(0);
    assertConsistentTree(batch);
    assertThat(byName(batch, "fan").childrenIds()).hasSize(10);
    assertThat(batch.events()).filteredOn(e -> e.eventName().equals("add")).hasSize(10)
        .allMatch(e -> e.parentId().equals(rootId));
  }

  @Test
  void asyncStagesOnAWrappedExecutorJoinTheTrace() throws Exception {
    String rootId;
    try (Span root = HoneyHive.tracer().startSpan(SpanKind.CHAIN, "stages")) {
      rootId = root.spanId();
      CompletableFuture<Integer> done = CompletableFuture.completedFuture(1);
      CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> tools.add(1, 1), pool);
      CompletableFuture<Void> b = CompletableFuture.runAsync(() -> tools.add(2, 2), pool);
      CompletableFuture<Integer> c = done.thenApplyAsync(x -> tools.add(x, 3), pool);
      CompletableFuture.allOf(a, b, c).get();
    }
    // The tasks hold the session until they have finished running, just after their futures completed.
    await().atMost(10, TimeUnit.SECONDS).until(() -> !exporter.batches().isEmpty());
    assertThat(exporter.batches()).hasSize(1);
    BatchRequest batch = exporter.batches().get(0);
    assertConsistentTree(batch);
    assertThat(batch.events()).filteredOn(e -> e.eventName().equals("add")).hasSize(3)
        .allMatch(e -> e.parentId().equals(rootId));
  }

  @Test
  void aSessionStartedOnOneThreadIsContinuedOnOthersAndFinishedOnAnother() throws Exception {
    Session session = HoneyHive.startDetachedSession("handoff");
    session.setSource("batch-job").setUserProperty("user_id", "u-7").setMetadata("job", 12);
    assertThat(TraceContext.current()).as("a started session is current nowhere").isNull();
    String sessionId = session.sessionId();

    CountDownLatch bothWorked = new CountDownLatch(2);
    List<Thread> workers = new ArrayList<>();
    for (String q : List.of("first", "second")) {
      Thread t = new Thread(() -> {
        try (Scope s = session.makeCurrent()) {
          pipeline.answer(q);
        }
        bothWorked.countDown();
      });
      workers.add(t);
      t.start();
    }
    assertThat(bothWorked.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(exporter.batches()).as("open until closed").isEmpty();

    Thread finisher = new Thread(session::close);
    finisher.start();
    finisher.join();
    for (Thread t : workers) {
      t.join();
    }

    assertThat(exporter.batches()).hasSize(1);
    BatchRequest batch = exporter.batches().get(0);
    assertConsistentTree(batch);
    assertThat(batch.sessionProperties().sessionId()).isEqualTo(sessionId);
    assertThat(batch.sessionProperties().sessionName()).isEqualTo("handoff");
    assertThat(batch.sessionProperties().source()).isEqualTo("batch-job");
    assertThat(batch.sessionProperties().userProperties()).containsEntry("user_id", "u-7");
    assertThat(batch.sessionProperties().metadata()).containsEntry("job", 12);
    assertThat(batch.events()).hasSize(8).allMatch(e -> e.source().equals("batch-job"));
    assertThat(batch.events()).filteredOn(e -> e.parentId().equals(sessionId))
        .extracting(e -> e.inputs().get("question")).containsExactlyInAnyOrder("first", "second");
  }

  @Test
  void theCurrentSessionCanBeContinuedOnAnotherThreadAndStaysOpenForIt() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread helper;
    String sessionId;
    try (Session session = HoneyHive.startCurrentSession("chat")) {
      sessionId = session.sessionId();
      Session handle = HoneyHive.currentSession();
      assertThat(handle.sessionId()).isEqualTo(sessionId);
      pipeline.answer("on the opener");
      helper = new Thread(() -> {
        try (Scope s = handle.makeCurrent()) {
          HoneyHive.tracer().trace(SpanKind.TOOL, "slow", Map.of(), span -> {
            inside.countDown();
            return release.await(10, TimeUnit.SECONDS);
          });
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      helper.start();
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      handle.close();   // a handle, not the session: does nothing
    }
    assertThat(exporter.batches()).as("the helper's event keeps the session open").isEmpty();
    release.countDown();
    helper.join();

    BatchRequest batch = exporter.batches().get(0);
    assertConsistentTree(batch);
    assertThat(batch.sessionProperties().sessionId()).isEqualTo(sessionId);
    assertThat(byName(batch, "slow").parentId()).isEqualTo(sessionId);
    assertThat(batch.events()).hasSize(5);
  }

  @Test
  void wrappingTwiceDoesNotWrapAgain() {
    assertThat(HoneyHive.taskWrapping(pool)).isSameAs(pool);
    Executor plain = Runnable::run;
    Executor wrapped = HoneyHive.taskWrapping(plain);
    assertThat(HoneyHive.taskWrapping(wrapped)).isSameAs(wrapped);
    assertThat(HoneyHive.taskWrapping((Executor) raw)).isInstanceOf(ExecutorService.class);
  }
}
