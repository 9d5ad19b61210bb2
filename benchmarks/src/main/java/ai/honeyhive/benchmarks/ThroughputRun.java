package ai.honeyhive.benchmarks;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Tracer;
import ai.honeyhive.transport.export.ExportStats;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end throughput: producer threads run whole sessions ({@link Workload#answer}: a chain,
 * three tools and a model, five events) through the tracer as configured for the API (the
 * batching processor at its default settings and the HTTP exporter), into an HTTP server on
 * 127.0.0.1 that reads each request and answers 200, after a simulated API latency
 * ({@code --latency-ms}, as a distant region adds), optionally leaving the first request
 * unanswered for ever ({@code --hang-one}, a request that hangs).
 *
 * <p>Not a JMH benchmark: what counts is what arrived and what was dropped, which the tracer's
 * export statistics say once it has flushed. Each run produces for a fixed time, either as fast
 * as the producers can ({@code rate} 0) or paced to a given number of events per second, then
 * flushes; the delivered rate is the events sent divided by the time from the first session to
 * the end of the flush.
 */
public final class ThroughputRun {
  static final int EVENTS_PER_SESSION = 5;

  /** What one run measured. */
  record Result(int threads, long targetEventsPerSecond, long latencyMillis, double seconds, long sessions,
      double producedEventsPerSecond, double deliveredEventsPerSecond, long sent, long dropped,
      long failed, long requests, double flushSeconds, double workerCpuNanosPerEvent,
      double ioCpuNanosPerEvent) {

    String describe() {
      return String.format(Locale.ROOT, "%d producers, %s, API latency %d ms: produced %,.0f events/s, delivered %,.0f"
              + " events/s (%,d sent, %,d dropped, %,d failed; %,d requests; flush took %.2f s;"
              + " export worker CPU %,.0f ns/event, HTTP I/O thread CPU %,.0f ns/event)",
          threads, targetEventsPerSecond == 0 ? "unpaced" : String.format(Locale.ROOT, "paced to %,d events/s",
              targetEventsPerSecond), latencyMillis,
          producedEventsPerSecond, deliveredEventsPerSecond, sent, dropped, failed, requests, flushSeconds,
          workerCpuNanosPerEvent, ioCpuNanosPerEvent);
    }

    String tableRow() {
      return String.format(Locale.ROOT, "| %d ms | %s | %,.0f | %,.0f | %,d | %,d | %,d | %,.0f | %,.0f |",
          latencyMillis, targetEventsPerSecond == 0 ? "unpaced" : String.format(Locale.ROOT, "%,d", targetEventsPerSecond),
          producedEventsPerSecond, deliveredEventsPerSecond, dropped, failed, requests,
          workerCpuNanosPerEvent, ioCpuNanosPerEvent);
    }
  }

  static final String TABLE_HEADER = "| API latency | offered events/s | produced events/s | delivered events/s"
      + " | dropped | failed | HTTP requests | worker CPU ns/event | HTTP I/O CPU ns/event |\n"
      + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

  private ThroughputRun() {}

  public static void main(String[] args) throws Exception {
    int threads = 4;
    int seconds = 10;
    long rate = 0;
    List<Long> latencies = List.of(0L, 50L, 100L);
    boolean hangOne = false;
    int jvmWarmup = 10;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--rate" -> rate = Long.parseLong(args[++i]);
        case "--latency-ms" -> {
          List<Long> l = new ArrayList<>();
          for (String v : args[++i].split(",")) {
            l.add(Long.parseLong(v.trim()));
          }
          latencies = l;
        }
        case "--hang-one" -> hangOne = true;
        case "--jvm-warmup-seconds" -> jvmWarmup = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("Options: --threads N --seconds N --rate EVENTS_PER_SECOND (0: unpaced)"
              + " --latency-ms MS[,MS...] (simulated API latency; default 0,50,100) --hang-one (the"
              + " first request is never answered) --jvm-warmup-seconds N (an unmeasured run first, so that"
              + " the first measured run does not start with a cold JIT; default 10)");
          System.exit(2);
        }
      }
    }
    if (jvmWarmup > 0) {
      // a pipeline that falls behind while the JIT is still compiling stays behind for a while (its
      // queue fills, and a full queue costs more per event); without this the first run measured that
      System.out.println("# JVM warm-up: " + run(threads, jvmWarmup, rate, 1, false).describe());
    }
    List<Result> results = new ArrayList<>();
    for (long latency : latencies) {
      Result r = run(threads, seconds, rate, latency, hangOne);
      System.out.println("# " + r.describe());
      results.add(r);
    }
    System.out.println(TABLE_HEADER);
    for (Result r : results) {
      System.out.println(r.tableRow());
    }
  }

  /** Warms up for a few seconds, then measures; the tracer and server live for this call only. */
  static Result run(int threads, int seconds, long eventsPerSecond) throws Exception {
    return run(threads, seconds, eventsPerSecond, 0, false);
  }

  /** As above, with every answer delayed by {@code latencyMillis}, and optionally one request hung. */
  static Result run(int threads, int seconds, long eventsPerSecond, long latencyMillis, boolean hangOne)
      throws Exception {
    try (DiscardingServer server = DiscardingServer.start(latencyMillis, hangOne)) {
      Tracer tracer = BenchmarkTracers.installHttp(server.uri());
      try {
        measure(tracer, server, threads, Math.min(3, seconds), eventsPerSecond, latencyMillis);
        return measure(tracer, server, threads, seconds, eventsPerSecond, latencyMillis);
      } finally {
        BenchmarkTracers.shutdown(tracer);
      }
    }
  }

  private static Result measure(Tracer tracer, DiscardingServer server, int threads, int seconds,
      long eventsPerSecond, long latencyMillis) throws InterruptedException {
    ExportStats before = tracer.exportStats();
    long requestsBefore = server.requests.sum();
    long workerCpuBefore = cpuOfThreads("honeyhive-batch-exporter");
    long ioCpuBefore = cpuOfThreads("honeyhive-http-io");
    LongAdder sessions = new LongAdder();
    long start = System.nanoTime();
    long end = start + Duration.ofSeconds(seconds).toNanos();
    // each producer's share of the rate, as nanoseconds between its sessions
    long interval = eventsPerSecond == 0 ? 0
        : (long) (1e9 * EVENTS_PER_SESSION * threads / (double) eventsPerSecond);
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      Thread producer = new Thread(() -> {
        try {
          produce(end, interval, sessions);
        } finally {
          done.countDown();
        }
      }, "producer-" + t);
      producer.start();
    }
    done.await();
    long produced = System.nanoTime();
    boolean flushed = tracer.flush(Duration.ofSeconds(60));
    long flushedAt = System.nanoTime();
    ExportStats after = tracer.exportStats();
    long workerCpu = cpuOfThreads("honeyhive-batch-exporter") - workerCpuBefore;
    long ioCpu = cpuOfThreads("honeyhive-http-io") - ioCpuBefore;
    if (!flushed) {
      System.err.println("warning: the flush did not finish within 60 s");
    }
    double producing = (produced - start) / 1e9;
    double total = (flushedAt - start) / 1e9;
    long sent = after.sent() - before.sent();
    return new Result(threads, eventsPerSecond, latencyMillis, producing, sessions.sum(),
        sessions.sum() * EVENTS_PER_SESSION / producing, sent / total, sent,
        (after.droppedQueueFull() - before.droppedQueueFull())
            + (after.droppedAfterShutdown() - before.droppedAfterShutdown()),
        after.failed() - before.failed(), server.requests.sum() - requestsBefore,
        (flushedAt - produced) / 1e9, sent == 0 ? 0 : workerCpu / (double) sent,
        sent == 0 ? 0 : ioCpu / (double) sent);
  }

  /** CPU time so far of the live threads whose names start with {@code prefix}. */
  private static long cpuOfThreads(String prefix) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(prefix)) {
        long ns = mx.getThreadCpuTime(t.getId());
        total += Math.max(0, ns);
      }
    }
    return total;
  }

  private static void produce(long end, long interval, LongAdder sessions) {
    Workload workload = new Workload();
    String question = "what is the refund policy";
    String user = "user-42";
    long next = System.nanoTime();
    long n = 0;
    while (true) {
      long now = System.nanoTime();
      if (now >= end) {
        break;
      }
      if (interval > 0) {
        if (now < next) {
          LockSupport.parkNanos(next - now);
          continue;
        }
        next += interval;
      }
      workload.answer(question, user);
      n++;
    }
    sessions.add(n);
  }

  /**
   * Accepts every request on 127.0.0.1, reads its body and answers 200 with an empty JSON object,
   * after {@code latencyMillis}; with {@code hangOne}, the first request is never answered.
   */
  static final class DiscardingServer implements AutoCloseable {
    private static final byte[] OK = "{}".getBytes(StandardCharsets.UTF_8);
    final LongAdder requests = new LongAdder();
    final AtomicLong bytes = new AtomicLong();
    private final HttpServer server;
    private final ExecutorService executor;
    private final CountDownLatch closed = new CountDownLatch(1);

    private DiscardingServer(HttpServer server, ExecutorService executor) {
      this.server = server;
      this.executor = executor;
    }

    static DiscardingServer start() throws IOException {
      return start(0, false);
    }

    static DiscardingServer start(long latencyMillis, boolean hangOne) throws IOException {
      // the JDK server leaves Nagle's algorithm on unless told, which holds each small response
      // back for the client's delayed ACK (tens of milliseconds): that would measure TCP, not us
      System.setProperty("sun.net.httpserver.nodelay", "true");
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
      // a thread per request in flight, so that the simulated latency overlaps as it would at the API
      ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "discarding-server");
        t.setDaemon(true);
        return t;
      });
      DiscardingServer s = new DiscardingServer(server, executor);
      AtomicBoolean hung = new AtomicBoolean(!hangOne);
      server.createContext("/", exchange -> {
        long n = 0;
        byte[] buffer = new byte[16384];
        try (InputStream in = exchange.getRequestBody()) {
          int r;
          while ((r = in.read(buffer)) > 0) {
            n += r;
          }
        }
        s.requests.increment();
        s.bytes.addAndGet(n);
        try {
          if (hung.compareAndSet(false, true)) {
            s.closed.await(); // this one never answers
          } else if (latencyMillis > 0) {
            Thread.sleep(latencyMillis);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, OK.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(OK);
        }
      });
      server.setExecutor(executor);
      server.start();
      return s;
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
      closed.countDown();
      server.stop(0);
      executor.shutdownNow();
    }
  }

  /** The suite's two runs: four producers as fast as they go, then paced to the target rate. */
  static List<Result> suite(int seconds) throws Exception {
    List<Result> results = new ArrayList<>();
    run(4, 10, TARGET_EVENTS_PER_SECOND); // unmeasured: the JIT warms up (see main)
    results.add(run(4, seconds, 0));
    results.add(run(4, seconds, TARGET_EVENTS_PER_SECOND));
    return results;
  }

  static final long TARGET_EVENTS_PER_SECOND = 100_000;
}
