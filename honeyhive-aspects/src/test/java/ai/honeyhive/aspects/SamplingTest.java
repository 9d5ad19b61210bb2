package ai.honeyhive.aspects;

import ai.honeyhive.Context;
import static ai.honeyhive.aspects.TracingTestSupport.assertConsistentTree;
import static ai.honeyhive.aspects.TracingTestSupport.byName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Scope;
import ai.honeyhive.Session;
import ai.honeyhive.Tracer;
import ai.honeyhive.TracerSettings;
import ai.honeyhive.TracerSettingsBuilder;
import ai.honeyhive.internal.TraceContext;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.BatchRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sessions are sampled whole: every event of a kept session is exported, none of a dropped one. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SamplingTest {
  private final InMemoryExporter exporter = new InMemoryExporter();
  private ExecutorService pool;
  private AsyncFixtures.Agent agent;
  private final AsyncFixtures.Sampled sampled = new AsyncFixtures.Sampled();

  @BeforeEach
  void startPool() {
    pool = HoneyHive.taskWrapping(Executors.newFixedThreadPool(4));
    agent = new AsyncFixtures.Agent(pool);
  }

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(TraceContext.current()).isNull();
    TracingTestSupport.installInMemoryTracer();
  }

  private void install(UnaryOperator<TracerSettingsBuilder> settings) {
    TracerSettings chosen = settings.apply(TracingTestSupport.testSettings().toBuilder()).build();
    HoneyHive.install(Tracer.builder().config(TracingTestSupport.testConfig()).settings(chosen)
        .synchronousExporter(exporter).build());
  }

  @Test
  void atHalfAboutHalfOfTwoThousandAsyncSessionsAreKeptAndEachWhole() throws Exception {
    install(b -> b.sampleRate(0.5));
    int sessions = 2000;
    List<CompletableFuture<String>> answers = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      answers.add(agent.plan("g" + i));
    }
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get();
    for (int i = 0; i < sessions; i++) {
      assertThat(answers.get(i).get()).as("sampling never changes results").endsWith("|answer(g" + i + ")");
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    List<BatchRequest> batches = exporter.batches();
    assertThat(batches.size()).isBetween(900, 1100);
    Set<String> sessionIds = new HashSet<>();
    for (BatchRequest batch : batches) {
      assertThat(sessionIds.add(batch.sessionId())).as("one batch per kept session, no follow-ups").isTrue();
      assertConsistentTree(batch);
      assertThat(batch.events()).as("the whole tree").hasSize(4);
      assertThat(byName(batch, "plan").childrenIds()).hasSize(3);
    }
  }

  @Test
  void atZeroWithErrorsKeptEveryFailedSessionIsExportedAndNoOther() throws Exception {
    install(b -> b.sampleRate(0.0).sampleKeepErrors(true));
    int rounds = 100;
    List<CompletableFuture<String>> recovering = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      AsyncFixtures.Probe probe = new AsyncFixtures.Probe("p" + i);
      catchThrowable(() -> sampled.job(probe, true));   // the root fails
      sampled.job(probe, false);                        // succeeds: dropped
      recovering.add(agent.recoversFromFailingTool("deep" + i));   // a child fails, asynchronously
    }
    for (CompletableFuture<String> f : recovering) {
      assertThat(f.get()).isEqualTo("recovered");
    }
    await().atMost(10, TimeUnit.SECONDS).until(() -> exporter.batches().size() >= 2 * rounds);

    List<BatchRequest> batches = exporter.batches();
    assertThat(batches).hasSize(2 * rounds);
    int rootFailures = 0;
    int childFailures = 0;
    for (BatchRequest batch : batches) {
      assertConsistentTree(batch);
      assertThat(batch.events()).hasSize(2);
      if (batch.sessionProperties().error() != null) {
        rootFailures++;
        assertThat(batch.sessionProperties().error()).startsWith("java.lang.IllegalArgumentException: job failed");
        assertThat(byName(batch, "step").outputs()).as("recorded in full though not sampled").isNotEmpty();
      } else {
        childFailures++;
        assertThat(byName(batch, "failingTool").error()).startsWith("java.lang.IllegalStateException: deep");
      }
    }
    assertThat(rootFailures).isEqualTo(rounds);
    assertThat(childFailures).isEqualTo(rounds);
  }

  @Test
  void aSessionThatCanNeverBeKeptCapturesNothingButStillHasContext() {
    install(b -> b.sampleRate(0.0));
    int readsBefore = AsyncFixtures.Probe.READS.get();
    String[] inside = new String[1];
    try (Session session = HoneyHive.startCurrentSession("dropped")) {
      session.setInput("probe", new AsyncFixtures.Probe("s"));
      sampled.job(new AsyncFixtures.Probe("x"), false);
      inside[0] = sampled.whereAmI();
      assertThat(Context.current().sessionId()).contains(session.sessionId());
    }
    catchThrowable(() -> sampled.job(new AsyncFixtures.Probe("y"), true));

    assertThat(AsyncFixtures.Probe.READS.get()).as("no argument was captured").isEqualTo(readsBefore);
    assertThat(inside[0]).as("events still exist as context").isNotEqualTo("none");
    assertThat(exporter.batches()).isEmpty();
  }

  @Test
  void aDroppedSessionStaysDroppedWhenLateWorkFailsInIt() {
    install(b -> b.sampleRate(0.0).sampleKeepErrors(true));
    Session session = HoneyHive.startDetachedSession("late");
    session.close();   // completes with nothing failed: dropped
    try (Scope s = session.makeCurrent()) {
      catchThrowable(() -> sampled.job(new AsyncFixtures.Probe("late"), true));
    }
    assertThat(exporter.batches()).as("no half tree for a dropped session").isEmpty();
  }

  @Test
  void anExplicitSessionMarkedFailedIsKept() {
    install(b -> b.sampleRate(0.0).sampleKeepErrors(true));
    try (Session session = HoneyHive.startCurrentSession("marked")) {
      sampled.job(new AsyncFixtures.Probe("ok"), false);
      session.recordError(new IllegalStateException("user gave up"));
    }
    assertThat(exporter.batches()).hasSize(1);
    assertThat(exporter.batches().get(0).sessionProperties().error())
        .isEqualTo("java.lang.IllegalStateException: user gave up");
    assertThat(exporter.batches().get(0).events()).hasSize(2);
  }

  @Test
  void atOneEverySessionIsKept() {
    install(b -> b.sampleRate(1.0));
    for (int i = 0; i < 50; i++) {
      sampled.job(new AsyncFixtures.Probe("p"), false);
    }
    assertThat(exporter.batches()).hasSize(50);
  }
}
