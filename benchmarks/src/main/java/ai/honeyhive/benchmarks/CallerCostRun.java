package ai.honeyhive.benchmarks;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Tracer;
import ai.honeyhive.internal.TracerRuntimes;
import ai.honeyhive.transport.export.ExportStats;
import ai.honeyhive.transport.export.internal.CompletedSession;
import ai.honeyhive.transport.export.internal.SessionProcessor;
import ai.honeyhive.transport.model.BatchRequest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a traced operation costs the calling thread alone, read from {@code ThreadMXBean}: CPU time
 * and bytes allocated per operation, for the three pairs of the JMH suite (one traced call, the
 * 5-event session, the model call with a realistic payload). Both tracers end in a processor that
 * takes each finished session or span and does nothing with it, so neither pays for its export
 * queue and nothing is dropped however loaded the machine is: the numbers are the caller-thread
 * work that the hot-path issue is about. Bytes per operation do not depend on the machine's load;
 * CPU time depends on it far less than wall time does, so the ratios are comparable between runs
 * on a shared machine.
 *
 * <p>Options: {@code --ops N} operations per measured round (default 300,000), {@code --rounds N}
 * (default 5; the median is reported), {@code --pair N} only the Nth pair (1-3; default 0, all).
 */
public final class CallerCostRun {
  private static final AttributeKey<String> QUERY = AttributeKey.stringKey("query");
  private static final AttributeKey<String> FILTER = AttributeKey.stringKey("filter");

  private CallerCostRun() {}

  public static void main(String[] args) {
    CountOptions options = CountOptions.parse(args, Map.of("ops", 300_000, "rounds", 5, "pair", 0));
    int ops = options.get("ops");
    int rounds = options.get("rounds");
    Tracer tracer = HoneyHive.install(TracerRuntimes.withProcessor(Tracer.builder()
        .config(BenchmarkTracers.config()).settings(BenchmarkTracers.settings().tracingEnabled(true).build()), new Discarding()).build());
    SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(new EndOnly()).build();
    io.opentelemetry.api.trace.Tracer otel = provider.get("ai.honeyhive.benchmarks");
    OpenTelemetryWorkload otelWorkload = new OpenTelemetryWorkload(otel);
    Workload workload = new Workload();
    ModelCallBenchmark.Values model = new ModelCallBenchmark.Values();
    model.setUp();
    String query = "what is the refund policy";
    String filter = "docs";

    List<Pair> pairs = List.of(
        new Pair("one traced call (@TraceTool, two String arguments)",
            () -> workload.lookup(query, filter),
            () -> {
              io.opentelemetry.api.trace.Span span = otel.spanBuilder("lookup")
                  .setAttribute(QUERY, query).setAttribute(FILTER, filter).startSpan();
              try {
                return workload.lookupUnwoven(query, filter);
              } finally {
                span.end();
              }
            }),
        new Pair("5-event session (chain, three tools, a model)",
            () -> workload.answer(query, "user-42"),
            () -> otelWorkload.answer(query, "user-42")),
        new Pair("model call (2 KB chat prompt, 1 KB answer, token usage)",
            () -> model.workload.chat(model.messages),
            () -> ModelCallBenchmark.openTelemetryChat(otel, model.workload, model.messages)));

    System.out.printf(Locale.ROOT, "# caller thread only, %d ops per round, median of %d rounds%n", ops, rounds);
    System.out.println("| operation | HoneyHive CPU ns/op | HoneyHive B/op | OpenTelemetry CPU ns/op | OpenTelemetry B/op | ratio CPU | ratio CPU, per round (min-max) | ratio B |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    int only = options.get("pair");
    for (Pair p : only > 0 ? pairs.subList(only - 1, only) : pairs) {
      double[][] hh = new double[rounds][];
      double[][] ot = new double[rounds][];
      measure(p.honeyhive(), ops);   // warm-up, both sides
      measure(p.openTelemetry(), ops);
      for (int r = 0; r < rounds; r++) {   // interleaved, so a burst of load hits both sides
        hh[r] = measure(p.honeyhive(), ops);
        ot[r] = measure(p.openTelemetry(), ops);
      }
      double hCpu = median(hh, 0);
      double hBytes = median(hh, 1);
      double oCpu = median(ot, 0);
      double oBytes = median(ot, 1);
      // Each round's ratio compares two measurements taken one after the other, so a slow spell of
      // the machine weighs on both sides of it: the median of those is the steadier figure.
      double[][] ratios = new double[rounds][];
      for (int r = 0; r < rounds; r++) {
        ratios[r] = new double[] {hh[r][0] / ot[r][0]};
      }
      double[] sorted = Arrays.stream(ratios).mapToDouble(x -> x[0]).sorted().toArray();
      System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %.2fx | %.2fx (%.2f-%.2f) | %.2fx |%n",
          p.name(), hCpu, hBytes, oCpu, oBytes, hCpu / oCpu, median(ratios, 0), sorted[0], sorted[sorted.length - 1],
          hBytes / oBytes);
    }
    tracer.shutdown(Duration.ofSeconds(1));
    provider.shutdown();
  }

  /** CPU ns and bytes allocated per operation on this thread. */
  private static double[] measure(Supplier<?> op, int ops) {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    Object sink = null;
    long bytes0 = mx.getThreadAllocatedBytes(id);
    long cpu0 = mx.getCurrentThreadCpuTime();
    for (int i = 0; i < ops; i++) {
      sink = op.get();
    }
    long cpu = mx.getCurrentThreadCpuTime() - cpu0;
    long bytes = mx.getThreadAllocatedBytes(id) - bytes0;
    if (sink == null) {
      throw new AssertionError();
    }
    return new double[] {(double) cpu / ops, (double) bytes / ops};
  }

  private static double median(double[][] rows, int column) {
    double[] v = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      v[i] = rows[i][column];
    }
    Arrays.sort(v);
    return v[v.length / 2];
  }

  private record Pair(String name, Supplier<?> honeyhive, Supplier<?> openTelemetry) {}

  /** Takes each completed session and does nothing with it: no queue, no assembly. */
  private static final class Discarding implements SessionProcessor {
    @Override
    public void onSessionEnd(BatchRequest session) {}

    @Override
    public void onSessionEnd(CompletedSession session) {}

    @Override
    public boolean flush(Duration timeout) {
      return true;
    }

    @Override
    public boolean shutdown(Duration timeout) {
      return true;
    }

    @Override
    public ExportStats stats() {
      return ExportStats.EMPTY;
    }
  }

  /** Asks to see each span end and does nothing with it: BatchSpanProcessor less its queue. */
  private static final class EndOnly implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }
}
