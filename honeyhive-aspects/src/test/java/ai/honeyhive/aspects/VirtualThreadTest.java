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
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fan-out and many sessions on virtual threads. The library is Java 17; virtual threads need 21+,
 * so the executor is made by reflection and these tests are skipped on older JDKs. Run them on
 * JDK 25 with {@code JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -B -q -pl honeyhive-aspects
 * -am verify -Dtest=VirtualThreadTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VirtualThreadTest {
  private InMemoryExporter exporter;
  private ExecutorService virtual;
  private AsyncFixtures.Agent agent;

  @BeforeEach
  void install() throws Exception {
    Method factory;
    try {
      factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
    } catch (NoSuchMethodException e) {
      Assumptions.abort("virtual threads need JDK 21+; this is " + Runtime.version());
      return;
    }
    exporter = TracingTestSupport.installInMemoryTracer();
    virtual = HoneyHive.taskWrapping((ExecutorService) factory.invoke(null));
    agent = new AsyncFixtures.Agent(virtual);
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (virtual != null) {
      virtual.shutdown();
      assertThat(virtual.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(TraceContext.current()).isNull();
  }

  @Test
  void tasksRunOnVirtualThreads() throws Exception {
    Method isVirtual = Thread.class.getMethod("isVirtual");
    assertThat(virtual.submit(() -> (Boolean) isVirtual.invoke(Thread.currentThread())).get()).isTrue();
  }

  @Test
  void aFanOutOfTenToolsOnVirtualThreadsIsOneTreeWithTenChildren() throws Exception {
    assertThat(agent.fanOutBlocking(10).get()).hasSize(10);

    await().atMost(10, TimeUnit.SECONDS).until(() -> !exporter.batches().isEmpty());
    assertThat(exporter.batches()).hasSize(1);
    BatchRequest batch = exporter.batches().get(0);
    assertConsistentTree(batch);
    Event root = byName(batch, "fanOutBlocking");
    assertThat(root.childrenIds()).hasSize(10);
    assertThat(batch.events()).filteredOn(e -> e.eventName().equals("blockingLookup")).hasSize(10)
        .allMatch(e -> e.parentId().equals(root.eventId()))
        .allMatch(e -> e.duration() >= 2.0);
  }

  @Test
  void aThousandConcurrentSessionsOnVirtualThreadsStaySeparate() throws Exception {
    int sessions = 1000;
    List<CompletableFuture<String>> answers = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      String goal = "goal-" + i;
      // each session starts on its own virtual thread, and its tools and model run on others
      answers.add(CompletableFuture.supplyAsync(() -> agent.plan(goal), virtual).thenCompose(f -> f));
    }
    for (int i = 0; i < sessions; i++) {
      assertThat(answers.get(i).get()).endsWith("|answer(goal-" + i + ")");
    }
    await().atMost(20, TimeUnit.SECONDS).until(() -> exporter.batches().size() >= sessions);
    assertThat(exporter.batches()).hasSize(sessions);
    Set<String> goals = new HashSet<>();
    for (BatchRequest batch : exporter.batches()) {
      assertConsistentTree(batch);
      assertThat(batch.events()).hasSize(4);
      String goal = (String) byName(batch, "plan").inputs().get("goal");
      assertThat(goals.add(goal)).isTrue();
      assertThat(batch.events()).filteredOn(e -> e.eventName().equals("lookup"))
          .extracting(e -> e.inputs().get("key")).containsExactlyInAnyOrder(goal + "#1", goal + "#2");
      assertThat(byName(batch, "completeAsync").inputs()).containsEntry("prompt", goal);
    }
  }
}
