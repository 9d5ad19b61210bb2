package ai.honeyhive.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation, next to JMH's wall-clock score: {@code cpu.caller.norm} is the CPU time
 * of the benchmark's own threads (the callers: what tracing costs the application's thread),
 * {@code cpu.process.norm} that of the whole JVM (adding the exporter's background threads, the
 * JIT and the GC). Both hold up better than wall-clock time on a machine shared with other work,
 * where a thread waiting for a core still counts towards wall-clock time.
 *
 * <p>Use with {@code -prof ai.honeyhive.benchmarks.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private static final String WORKER_THREAD = "-jmh-worker-";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long callerStart;
  private long processStart;

  @Override
  public String getDescription() {
    return "CPU time per operation: benchmark threads (cpu.caller.norm) and whole JVM (cpu.process.norm)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    callerStart = workerCpuNanos();
    processStart = os.getProcessCpuTime();
  }

  @Override
  public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    long caller = workerCpuNanos() - callerStart;
    long process = os.getProcessCpuTime() - processStart;
    long ops = result.getMetadata().getAllOps();
    if (ops <= 0) {
      return List.of();
    }
    return List.of(
        new ScalarResult("cpu.caller.norm", (double) caller / ops, "ns/op", AggregationPolicy.AVG),
        new ScalarResult("cpu.process.norm", (double) process / ops, "ns/op", AggregationPolicy.AVG));
  }

  /** The CPU time so far of JMH's worker threads, which run the benchmark method. */
  private long workerCpuNanos() {
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains(WORKER_THREAD)) {
        long t = threads.getThreadCpuTime(info.getThreadId());
        if (t > 0) {
          total += t;
        }
      }
    }
    return total;
  }
}
