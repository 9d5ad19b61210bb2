package ai.honeyhive.aspects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.TestTracers;
import ai.honeyhive.Tracer;
import ai.honeyhive.config.ConfigSources;
import ai.honeyhive.TracerSettings;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.internal.TraceContext;
import ai.honeyhive.transport.export.InMemoryExporter;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** HH_DISABLE_TRACING, its property and Tracer.setEnabled: off means nothing recorded, no context, no allocation. */
class OffSwitchTest {
  private final InMemoryExporter exporter = new InMemoryExporter();
  private final AsyncFixtures.Sampled sampled = new AsyncFixtures.Sampled();

  @AfterEach
  void restore() {
    assertThat(TraceContext.current()).isNull();
    TracingTestSupport.installInMemoryTracer();
  }

  private Tracer install(Map<String, String> env, Map<String, String> props) {
    TracerSettings settings = TracerSettings.builder(ConfigSources.of(env, props))
        .exportConsole(false).exportFile(null).build();
    return HoneyHive.install(Tracer.builder().config(HoneyHiveConfig.builder().project("p").build())
        .settings(settings).synchronousExporter(exporter).build());
  }

  @Test
  void theEnvironmentVariableTurnsTracingOffAtStartUp() {
    Tracer tracer = install(Map.of("HH_DISABLE_TRACING", "true"), Map.of());
    assertThat(tracer.isEnabled()).isFalse();
    assertThat(sampled.whereAmI()).as("the woven method ran untraced").isEqualTo("none");
    assertThat(exporter.batches()).isEmpty();
  }

  @Test
  void theSystemPropertyTurnsTracingOffAtStartUp() {
    Tracer tracer = install(Map.of("HH_DISABLE_TRACING", "false"), Map.of("honeyhive.disable.tracing", "true"));
    assertThat(tracer.isEnabled()).isFalse();
    assertThat(sampled.whereAmI()).isEqualTo("none");
    assertThat(HoneyHive.currentSpan().spanId()).isEmpty();
    assertThat(exporter.batches()).isEmpty();
  }

  @Test
  void theApiSwitchesTracingOffAndOnAtRunTime() {
    Tracer tracer = install(Map.of(), Map.of());
    assertThat(sampled.whereAmI()).isNotEqualTo("none");
    tracer.setEnabled(false);
    assertThat(sampled.whereAmI()).isEqualTo("none");
    assertThat(tracer.startDetachedSession("off").sessionId()).isEmpty();
    tracer.setEnabled(true);
    assertThat(sampled.whereAmI()).isNotEqualTo("none");
    assertThat(exporter.batches()).hasSize(2);
  }

  @Test
  void anAsyncCallInProgressWhenTracingGoesOffStillFinishesItsSession() {
    Tracer tracer = install(Map.of(), Map.of());
    Executor direct = Runnable::run;
    AsyncFixtures.Agent agent = new AsyncFixtures.Agent(HoneyHive.taskWrapping(direct));
    CompletableFuture<String> pending = agent.awaitPending("in-flight");
    tracer.setEnabled(false);
    agent.pending.complete("done");
    assertThat(exporter.batches()).hasSize(1);
    assertThat(exporter.events().get(0).outputs()).containsEntry("result", "done");
    assertThat(pending.join()).isEqualTo("done");
  }

  @Test
  void aWovenCallAllocatesNothingWhileTracingIsOff() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs HotSpot's ThreadMXBean");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
    Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counting unsupported");
    threads.setThreadAllocatedMemoryEnabled(true);
    long tid = Thread.currentThread().getId();

    Tracer tracer = HoneyHive.install(TestTracers.synchronous(ai.honeyhive.transport.export.EventExporter.noop()));

    // Control: traced, the same call allocates (event, ids, captured values), so the meter can see it.
    int tracedCalls = 2_000;
    long sink = calls(tracedCalls);
    long tracedBytes = allocated(threads, tid, tracedCalls);
    assertThat(tracedBytes / tracedCalls).as("bytes per traced call").isGreaterThan(100);

    tracer.setEnabled(false);
    int calls = 200_000;
    sink += calls(calls);   // warm up: class loading, JIT
    long before = threads.getThreadAllocatedBytes(tid);
    sink += calls(calls);
    long after = threads.getThreadAllocatedBytes(tid);
    long overhead = threads.getThreadAllocatedBytes(tid) - after;

    assertThat(sink).isNotZero();
    // Measured 0. The tolerance (0.1 byte a call) absorbs one-off JIT or class-loading allocations;
    // a single allocation per call would be 16+ bytes each.
    assertThat(after - before - overhead).as("bytes allocated by %s untraced woven calls", calls)
        .isLessThan(calls / 10);
    assertThat(TraceContext.current()).isNull();
  }

  private long calls(int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += sampled.add(i, 1);
    }
    return sum;
  }

  private long allocated(com.sun.management.ThreadMXBean threads, long tid, int n) {
    long before = threads.getThreadAllocatedBytes(tid);
    long sum = calls(n);
    long after = threads.getThreadAllocatedBytes(tid);
    assertThat(sum).isNotZero();
    return after - before;
  }

  @Test
  void aFailingTracedCallStillThrowsTheSameWithTracingOff() {
    install(Map.of("HH_DISABLE_TRACING", "1"), Map.of());
    IllegalArgumentException thrown = (IllegalArgumentException) catchThrowable(
        () -> sampled.job(new AsyncFixtures.Probe("x"), true));
    assertThat(thrown).hasMessage("job failed: x!");
    assertThat(exporter.batches()).isEmpty();
  }
}
