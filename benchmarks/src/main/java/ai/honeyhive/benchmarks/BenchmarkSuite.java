package ai.honeyhive.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite with iteration counts that keep a run to a few minutes on a small machine,
 * with the GC profiler on, and prints the results as a Markdown table with each of our numbers
 * next to what it is compared with (the unwoven baseline, or OpenTelemetry in the same run) and the
 * targets' status.
 *
 * <p>Options: {@code --quick} (one fork, fewer iterations: a smoke run), {@code --forks N},
 * {@code --warmup N}, {@code --iterations N}, {@code --time SECONDS} (per iteration),
 * {@code --include REGEX} (JMH's benchmark selection), {@code --prof NAME} (another JMH profiler,
 * e.g. {@code stack}; may be repeated), {@code --throughput-seconds N} (each end-to-end
 * throughput run; 0 skips them; see {@link ThroughputRun}).
 */
public final class BenchmarkSuite {
  private static final String BYTES_PER_OP = "gc.alloc.rate.norm";
  private static final String CALLER_CPU = "cpu.caller.norm";

  private BenchmarkSuite() {}

  public static void main(String[] args) throws Exception {
    int forks = 2;
    int warmup = 3;
    int iterations = 5;
    int seconds = 1;
    String include = BenchmarkSuite.class.getPackageName() + ".*Benchmark";
    List<String> profilers = new ArrayList<>();
    int throughputSeconds = 10;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> {
          forks = 1;
          warmup = 2;
          iterations = 3;
          throughputSeconds = 5;
        }
        case "--throughput-seconds" -> throughputSeconds = Integer.parseInt(args[++i]);
        case "--forks" -> forks = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--iterations" -> iterations = Integer.parseInt(args[++i]);
        case "--time" -> seconds = Integer.parseInt(args[++i]);
        case "--include" -> include = args[++i];
        case "--prof" -> profilers.add(args[++i]);
        default -> {
          System.err.println("Unknown option " + args[i] + "; see the Javadoc of " + BenchmarkSuite.class.getName());
          System.exit(2);
        }
      }
    }
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(include)
        .forks(forks)
        .warmupIterations(warmup)
        .warmupTime(TimeValue.seconds(seconds))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(seconds))
        .addProfiler(GCProfiler.class)
        .addProfiler(CpuTimeProfiler.class);
    for (String p : profilers) {
      options.addProfiler(p);
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    List<ThroughputRun.Result> throughput = new ArrayList<>();
    if (throughputSeconds > 0) {
      System.out.println("# End-to-end throughput (" + throughputSeconds + " s per run, after a warm-up)");
      for (ThroughputRun.Result r : ThroughputRun.suite(throughputSeconds)) {
        System.out.println("# " + r.describe());
        throughput.add(r);
      }
    }
    printTable(System.out, results);
    printThroughput(System.out, throughput);
  }

  static void printThroughput(PrintStream out, List<ThroughputRun.Result> results) {
    if (results.isEmpty()) {
      return;
    }
    out.println("| end-to-end, 4 producers, " + ThroughputRun.EVENTS_PER_SESSION + "-event sessions"
        + " | produced events/s | delivered events/s | sessions | dropped | failed | HTTP requests | target | status |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---|---|");
    for (ThroughputRun.Result r : results) {
      boolean paced = r.targetEventsPerSecond() > 0;
      String target = fmt(">= %,d events/s, none dropped", ThroughputRun.TARGET_EVENTS_PER_SECOND);
      boolean met = r.deliveredEventsPerSecond() >= ThroughputRun.TARGET_EVENTS_PER_SECOND && r.dropped() == 0
          && r.failed() == 0;
      out.println("| " + (paced ? fmt("paced to %,d events/s", r.targetEventsPerSecond()) : "unpaced")
          + " | " + fmt("%,.0f", r.producedEventsPerSecond()) + " | " + fmt("%,.0f", r.deliveredEventsPerSecond())
          + " | " + fmt("%,d", r.sessions()) + " | " + fmt("%,d", r.dropped()) + " | " + fmt("%,d", r.failed())
          + " | " + fmt("%,d", r.requests()) + " | " + target + " | " + (met ? "met" : "NOT met") + " |");
    }
    out.println();
  }

  /**
   * One measured benchmark: its score, the CPU time its own threads spent per operation and the
   * bytes it allocated per operation.
   */
  record Row(String name, double score, double error, String unit, double cpuNanos, double bytesPerOp) {}

  static void printTable(PrintStream out, Collection<RunResult> results) {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (RunResult r : results) {
      String full = r.getParams().getBenchmark();
      String name = full.substring(full.lastIndexOf('.', full.lastIndexOf('.') - 1) + 1);
      for (String key : r.getParams().getParamsKeys()) {
        name += " " + key + "=" + r.getParams().getParam(key); // one row per parameter value
      }
      Result<?> primary = r.getPrimaryResult();
      rows.put(name, new Row(name, primary.getScore(), primary.getScoreError(), primary.getScoreUnit(),
          secondary(r, CALLER_CPU), secondary(r, BYTES_PER_OP)));
    }
    out.println();
    out.println("| benchmark | score (wall) | caller CPU ns/op | B/op | compared with | ratio (wall; CPU) | target | status |");
    out.println("|---|---:|---:|---:|---|---:|---|---|");
    for (Row row : rows.values()) {
      out.println(line(row, rows));
    }
    out.println();
  }

  private static String line(Row row, Map<String, Row> rows) {
    String other = "";
    String ratio = "";
    String target = "";
    String status = "";
    switch (row.name()) {
      case "DisabledTracingBenchmark.disabled" -> {
        Row base = rows.get("DisabledTracingBenchmark.baseline");
        target = "<= 5 ns/op extra, 0 B/op";
        if (base != null) {
          double extra = row.score() - base.score();
          other = "baseline (unwoven)";
          ratio = fmt("%+.1f ns/op; %+.1f ns/op", extra, row.cpuNanos() - base.cpuNanos());
          status = extra <= 5.0 && row.bytesPerOp() < 1.0 ? "met" : "NOT met";
        }
      }
      case "EnabledTracingBenchmark.honeyhive", "NestedSessionBenchmark.honeyhive", "ModelCallBenchmark.honeyhive" -> {
        String cls = row.name().substring(0, row.name().indexOf('.'));
        Row otel = rows.get(cls + ".opentelemetry");
        boolean single = cls.startsWith("Enabled");
        target = single ? "<= 1 us/op, < OpenTelemetry" : "< OpenTelemetry";
        if (otel != null) {
          other = "OpenTelemetry SDK";
          ratio = fmt("%.2fx; %.2fx", row.score() / otel.score(), row.cpuNanos() / otel.cpuNanos());
          boolean met = row.score() < otel.score() && (!single || nanos(row) <= 1000.0);
          status = met ? "met" : "NOT met";
        }
      }
      default -> {
        Row off = row.name().startsWith("SecretScanBenchmark.scanned")
            ? rows.get(row.name().replace(".scanned", ".unscanned")) : null;
        if (off != null) {
          other = "scan off";
          ratio = fmt("%+.1f ns/op", row.score() - off.score());
        }
      }
    }
    String cpu = Double.isNaN(row.cpuNanos()) ? "" : fmt("%.1f", row.cpuNanos());
    String bytes = Double.isNaN(row.bytesPerOp()) ? "" : fmt("%.0f", row.bytesPerOp());
    return "| " + row.name() + " | " + fmt("%.1f ± %.1f %s", row.score(), row.error(), row.unit())
        + " | " + cpu + " | " + bytes + " | " + other + " | " + ratio + " | " + target + " | " + status + " |";
  }

  private static double secondary(RunResult r, String label) {
    Result<?> result = r.getSecondaryResults().get(label);
    return result == null ? Double.NaN : result.getScore();
  }

  private static double nanos(Row row) {
    return switch (row.unit()) {
      case "ns/op" -> row.score();
      case "us/op" -> row.score() * 1_000;
      case "ms/op" -> row.score() * 1_000_000;
      default -> Double.NaN;
    };
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
