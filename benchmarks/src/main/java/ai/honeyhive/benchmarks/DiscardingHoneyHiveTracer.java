package ai.honeyhive.benchmarks;

import ai.honeyhive.Tracer;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The process-wide tracer, on, exporting into a discarding exporter: the HoneyHive side of each pair. */
@State(Scope.Benchmark)
public class DiscardingHoneyHiveTracer {
  Tracer tracer;

  @Setup
  public void setUp() {
    tracer = BenchmarkTracers.installDiscarding();
  }

  @TearDown
  public void tearDown() {
    BenchmarkTracers.shutdown(tracer);
  }
}
