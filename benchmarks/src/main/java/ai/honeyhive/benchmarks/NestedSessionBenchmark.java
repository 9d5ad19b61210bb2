package ai.honeyhive.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole session per operation: a woven chain calling three tools and then a model (five
 * events), assembled and handed to an exporter that discards; against the same five nested spans
 * in the OpenTelemetry SDK.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NestedSessionBenchmark {

  @State(Scope.Benchmark)
  public static class Values {
    final Workload workload = new Workload();
    // not final, so the JIT cannot fold them into constants
    String question = "what is the refund policy";
    String user = "user-42";
  }

  @State(Scope.Benchmark)
  public static class OpenTelemetryTracing {
    OpenTelemetrySdk sdk;
    OpenTelemetryWorkload workload;

    @Setup
    public void setUp() {
      sdk = new OpenTelemetrySdk();
      workload = new OpenTelemetryWorkload(sdk.tracer);
    }

    @TearDown
    public void tearDown() {
      sdk.shutdown();
    }
  }

  @Benchmark
  public String honeyhive(Values v, DiscardingHoneyHiveTracer tracing) {
    return v.workload.answer(v.question, v.user);
  }

  @Benchmark
  public String opentelemetry(Values v, OpenTelemetryTracing tracing) {
    return tracing.workload.answer(v.question, v.user);
  }
}
