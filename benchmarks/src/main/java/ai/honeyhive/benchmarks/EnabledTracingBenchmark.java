package ai.honeyhive.benchmarks;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
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
 * One traced call with tracing on: a woven {@code @TraceTool} with two small String arguments
 * returning a String (an event, and with no session open, its own session) into an exporter that
 * discards; against the OpenTelemetry SDK starting and ending a span with the same two values as
 * attributes, through its BatchSpanProcessor into an exporter that discards.
 * Targets: at most 1 µs/op, and less than OpenTelemetry.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EnabledTracingBenchmark {
  private static final AttributeKey<String> QUERY = AttributeKey.stringKey("query");
  private static final AttributeKey<String> FILTER = AttributeKey.stringKey("filter");

  @State(Scope.Benchmark)
  public static class Values {
    final Workload workload = new Workload();
    // not final, so the JIT cannot fold them into constants
    String query = "what is the refund policy";
    String filter = "docs";
  }

  @State(Scope.Benchmark)
  public static class OpenTelemetryTracing {
    OpenTelemetrySdk sdk;

    @Setup
    public void setUp() {
      sdk = new OpenTelemetrySdk();
    }

    @TearDown
    public void tearDown() {
      sdk.shutdown();
    }
  }

  @Benchmark
  public String honeyhive(Values v, DiscardingHoneyHiveTracer tracing) {
    return v.workload.lookup(v.query, v.filter);
  }

  @Benchmark
  public String opentelemetry(Values v, OpenTelemetryTracing tracing) {
    Span span = tracing.sdk.tracer.spanBuilder("lookup")
        .setAttribute(QUERY, v.query)
        .setAttribute(FILTER, v.filter)
        .startSpan();
    try {
      return v.workload.lookupUnwoven(v.query, v.filter);
    } finally {
      span.end();
    }
  }
}
