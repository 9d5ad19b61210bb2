package ai.honeyhive.transport.export;

import ai.honeyhive.transport.internal.Deadlines;
import ai.honeyhive.config.ExportSettings;
import ai.honeyhive.transport.internal.ThrottledLogger;
import ai.honeyhive.transport.model.BatchRequest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues completed sessions and exports them in batches from one background thread, so that the
 * thread completing a session never waits for I/O.
 *
 * <p>The queue holds at most {@code queueCapacity} events (an empty queue takes any one session,
 * however large, so that no session is undeliverable). A session arriving at a full queue is
 * dropped and counted, and a warning says so at most once a minute. The worker sends a batch when
 * {@code maxBatchEvents} are waiting or when the oldest has waited {@code scheduleDelay}; a batch
 * holds at most {@code maxBatchEvents} events and {@code maxBatchBytes} bytes of JSON, and a
 * session larger than that is split into several requests for the same session id (see
 * {@link SessionSplitter}). The worker thread starts with the first session, is a daemon, and is
 * named {@code honeyhive-batch-exporter}.
 *
 * <p>{@link #flush} waits until every session taken before it was exported or failed for good;
 * {@link #shutdown} flushes, then shuts the exporter down, within its timeout. Sessions arriving
 * after shutdown are dropped and counted. {@link #stats()} says what became of every event.
 */
public final class BatchingSessionProcessor implements SessionProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(BatchingSessionProcessor.class);
  /** Per instance, so that each exporter or processor says each thing once. */
  private final ThrottledLogger throttled = new ThrottledLogger(LOG);
  static final String THREAD_NAME = "honeyhive-batch-exporter";

  private final EventExporter exporter;
  private final int queueCapacity;
  private final int maxBatchEvents;
  private final long maxBatchBytes;
  private final long scheduleDelayNanos;
  private final Duration exporterTimeout;
  private final SessionSplitter splitter;
  /** Made once: while the queue is full every session is dropped, and building the text each time showed in profiles. */
  private final String queueFullMessage;

  /** Sessions whose bodies are assembled on the worker, when it takes them. */
  private final ConcurrentLinkedQueue<CompletedSession> queue = new ConcurrentLinkedQueue<>();
  /** Queue occupancy in events (a session with none weighs one). */
  private final AtomicInteger queueWeight = new AtomicInteger();
  private final AtomicLong acceptedSessions = new AtomicLong();
  /** Sessions taken from the queue whose every piece was exported or failed. Written by the worker. */
  private final AtomicLong finishedSessions = new AtomicLong();

  private final LongAdder queued = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final LongAdder droppedQueueFull = new LongAdder();
  private final LongAdder droppedAfterShutdown = new LongAdder();
  private final LongAdder failed = new LongAdder();

  private final List<FlushRequest> flushRequests = new ArrayList<>();
  private volatile boolean flushWanted;
  private volatile boolean shutdown;
  private volatile boolean terminated;
  private final AtomicReference<Thread> worker = new AtomicReference<>();
  private final AtomicBoolean shutdownStarted = new AtomicBoolean();
  private final CompletableFuture<Boolean> shutdownResult = new CompletableFuture<>();

  private BatchingSessionProcessor(Builder b) {
    this.exporter = b.exporter;
    this.queueCapacity = b.queueCapacity;
    this.maxBatchEvents = b.maxBatchEvents;
    this.maxBatchBytes = b.maxBatchBytes;
    this.scheduleDelayNanos = b.scheduleDelay.toNanos();
    this.exporterTimeout = b.exporterTimeout;
    this.splitter = new SessionSplitter(b.maxBatchEvents, b.maxBatchBytes);
    this.queueFullMessage = "HoneyHive: the export queue is full (" + queueCapacity
        + " events); sessions are being dropped (counted in ExportStats.droppedQueueFull)."
        + " The API may be slow or unreachable; raise HH_QUEUE_CAPACITY if this persists";
  }

  /** A builder for a processor that hands batches to {@code exporter}, with the default settings. */
  public static Builder builder(EventExporter exporter) {
    return new Builder(exporter);
  }

  @Override
  public void onSessionEnd(BatchRequest session) {
    if (session != null) {
      onSessionEnd(CompletedSession.of(session));
    }
  }

  /** Queues the session; its body is assembled on the worker thread when its batch is taken. */
  @Override
  public void onSessionEnd(CompletedSession session) {
    if (session == null) {
      return;
    }
    int events = session.eventCount();
    if (shutdown) {
      droppedAfterShutdown.add(events);
      throttled.warn("after-shutdown", "HoneyHive: a session completed after the tracer was shut down;"
          + " its events were dropped (counted in ExportStats.droppedAfterShutdown)");
      return;
    }
    int weight = Math.max(1, events);
    int before;
    do {
      before = queueWeight.get();
      if (before != 0 && before + weight > queueCapacity) {
        droppedQueueFull.add(events);
        throttled.warn("queue-full", queueFullMessage);
        return;
      }
    } while (!queueWeight.compareAndSet(before, before + weight));
    acceptedSessions.incrementAndGet();
    queued.add(events);
    queue.add(session);
    Thread w = worker.get();
    if (w == null) {
      w = startWorker();
    }
    // wake the worker when the queue stops being empty (its delay starts) or a batch fills up
    if (before == 0 || before < maxBatchEvents && before + weight >= maxBatchEvents) {
      LockSupport.unpark(w);
    }
    if (terminated) {
      failStranded(); // the worker left between our shutdown check and our add
    }
  }

  @Override
  public boolean flush(Duration timeout) {
    return awaitFinished(Deadlines.after(timeout));
  }

  @Override
  public boolean shutdown(Duration timeout) {
    long deadline = Deadlines.after(timeout);
    if (!shutdownStarted.compareAndSet(false, true)) {
      return await(shutdownResult, deadline);
    }
    shutdown = true;
    boolean ok = true;
    try {
      Thread w = worker.get();
      if (w != null) {
        ok = awaitFinished(deadline);
        LockSupport.unpark(w);
        join(w, deadline);
      }
      // the exporter abandons what it still has in flight: our time is up
      ok &= await(exporter.shutdown(), deadline);
    } catch (RuntimeException e) {
      ok = false;
      LOG.warn("HoneyHive: shutting the exporter down failed", e);
    } finally {
      ExportStats s = stats();
      if (s.lost() > 0 || s.pending() > 0) {
        LOG.warn("HoneyHive export at shutdown: {}", s.summary());
      }
      shutdownResult.complete(ok);
    }
    return ok;
  }

  @Override
  public ExportStats stats() {
    return new ExportStats(queued.sum(), sent.sum(), droppedQueueFull.sum(),
        droppedAfterShutdown.sum(), failed.sum(), exporter.retryCount());
  }

  /** Waits until every session accepted so far is finished, or the deadline passes. */
  private boolean awaitFinished(long deadline) {
    long target = acceptedSessions.get();
    if (finishedSessions.get() >= target) {
      return true;
    }
    Thread w = worker.get();
    if (w == null || terminated) {
      return finishedSessions.get() >= target;
    }
    FlushRequest request = new FlushRequest(target);
    synchronized (flushRequests) {
      flushRequests.add(request);
      flushWanted = true;
    }
    LockSupport.unpark(w);
    return await(request.done, deadline);
  }

  private Thread startWorker() {
    Thread t = new Thread(null, this::work, THREAD_NAME, 0, false);
    t.setDaemon(true);
    t.setContextClassLoader(BatchingSessionProcessor.class.getClassLoader());
    if (worker.compareAndSet(null, t)) {
      t.start();
      return t;
    }
    return worker.get();
  }

  private void work() {
    ArrayDeque<SessionSplitter.Piece> carry = new ArrayDeque<>();
    long nextExportAt = System.nanoTime() + scheduleDelayNanos;
    try {
      while (true) {
        try {
          // our own thread: an interrupt from outside must not make park() return at once for ever
          Thread.interrupted();
          boolean stopping = shutdown;
          if (queue.isEmpty() && carry.isEmpty()) {
            completeFlushRequests();
            if (stopping) {
              return;
            }
            LockSupport.park(this); // until a session arrives, or a flush or shutdown asks
            nextExportAt = System.nanoTime() + scheduleDelayNanos;
            continue;
          }
          long wait = nextExportAt - System.nanoTime();
          boolean batchFull = queueWeight.get() + carryEvents(carry) >= maxBatchEvents;
          if (!stopping && !flushWanted && !batchFull && wait > 0) {
            LockSupport.parkNanos(this, wait);
            continue;
          }
          exportBatch(carry);
          nextExportAt = System.nanoTime() + scheduleDelayNanos;
        } catch (RuntimeException | LinkageError | OutOfMemoryError | StackOverflowError e) {
          // one bad batch (or a moment without memory) must not end exporting for the life of the JVM
          throttled.error("worker", "HoneyHive: the export worker failed; it carries on", e);
        }
      }
    } finally {
      terminated = true;
      for (SessionSplitter.Piece p : carry) {
        finishPiece(p, false);
      }
      failStranded();
      completeFlushRequests();
    }
  }

  /** Takes the next batch off the queue and exports it, waiting for the result. */
  private void exportBatch(ArrayDeque<SessionSplitter.Piece> carry) {
    List<SessionSplitter.Piece> batch = new ArrayList<>();
    int events = 0;
    long bytes = 0;
    while (events < maxBatchEvents) {
      SessionSplitter.Piece p = carry.peekFirst();
      if (p == null) {
        CompletedSession session = queue.poll();
        if (session == null) {
          break;
        }
        queueWeight.addAndGet(-Math.max(1, session.eventCount()));
        try {
          carry.addAll(splitter.split(session.toBatchRequest()));
        } catch (RuntimeException | LinkageError e) {
          failed.add(session.eventCount());
          finishedSessions.incrementAndGet();
          throttled.warn("serialize", "HoneyHive: a session could not be assembled or serialized and"
              + " was dropped (counted in ExportStats.failed)", e);
        }
        continue;
      }
      if (!batch.isEmpty() && (events + p.events() > maxBatchEvents || bytes + p.bytes() > maxBatchBytes)) {
        break;
      }
      carry.pollFirst();
      batch.add(p);
      events += p.events();
      bytes += p.bytes();
    }
    if (batch.isEmpty()) {
      return;
    }
    List<BatchRequest> requests = new ArrayList<>(batch.size());
    for (SessionSplitter.Piece p : batch) {
      requests.add(p.request());
    }
    int failedEvents = export(requests, events);
    sent.add(events - failedEvents);
    failed.add(failedEvents);
    for (SessionSplitter.Piece p : batch) {
      if (p.lastOfSession()) {
        finishedSessions.incrementAndGet();
      }
    }
    completeFlushRequests();
  }

  /** Exports and waits; returns how many of the events were not delivered. */
  private int export(List<BatchRequest> requests, int events) {
    try {
      CompletableFuture<Void> result = exporter.export(requests);
      result.get(exporterTimeout.toNanos(), TimeUnit.NANOSECONDS);
      return 0;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      int failedEvents = cause instanceof ExportException x ? Math.min(x.failedEvents(), events) : events;
      if (!(cause instanceof ExportException)) {
        // an ExportException was logged by its exporter, which knew why
        throttled.warn("export", "HoneyHive: exporting " + events + " events failed: " + cause);
      }
      return failedEvents;
    } catch (TimeoutException e) {
      throttled.warn("export-timeout", "HoneyHive: the exporter did not finish " + events
          + " events within " + exporterTimeout.toMillis() + " ms; counted as failed");
      return events;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return events;
    } catch (RuntimeException e) {
      throttled.warn("export", "HoneyHive: exporting " + events + " events failed", e);
      return events;
    }
  }

  private void finishPiece(SessionSplitter.Piece p, boolean delivered) {
    (delivered ? sent : failed).add(p.events());
    if (p.lastOfSession()) {
      finishedSessions.incrementAndGet();
    }
  }

  /** Counts as failed whatever is still queued once the worker has gone. */
  private void failStranded() {
    CompletedSession s;
    while ((s = queue.poll()) != null) {
      queueWeight.addAndGet(-Math.max(1, s.eventCount()));
      failed.add(s.eventCount());
      finishedSessions.incrementAndGet();
    }
  }

  private void completeFlushRequests() {
    long finished = finishedSessions.get();
    synchronized (flushRequests) {
      Iterator<FlushRequest> it = flushRequests.iterator();
      while (it.hasNext()) {
        FlushRequest r = it.next();
        if (r.target <= finished || terminated) {
          r.done.complete(r.target <= finished);
          it.remove();
        }
      }
      flushWanted = !flushRequests.isEmpty();
    }
  }

  private static int carryEvents(ArrayDeque<SessionSplitter.Piece> carry) {
    int n = 0;
    for (SessionSplitter.Piece p : carry) {
      n += Math.max(1, p.events());
    }
    return n;
  }

  private static boolean await(CompletableFuture<?> f, long deadline) {
    try {
      Object v = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return !Boolean.FALSE.equals(v);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  private static void join(Thread t, long deadline) {
    try {
      long ms = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (ms > 0) {
        t.join(ms);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "BatchingSessionProcessor{exporter=" + exporter + ", queueCapacity=" + queueCapacity
        + ", maxBatchEvents=" + maxBatchEvents + ", maxBatchBytes=" + maxBatchBytes
        + ", scheduleDelay=" + TimeUnit.NANOSECONDS.toMillis(scheduleDelayNanos) + "ms}";
  }

  /** A flush waiting until {@code target} sessions are finished. */
  private static final class FlushRequest {
    final long target;
    final CompletableFuture<Boolean> done = new CompletableFuture<>();

    FlushRequest(long target) {
      this.target = target;
    }
  }

  /** Sizes and delays for a {@link BatchingSessionProcessor}; defaults as {@link ExportSettings#defaults()}. */
  public static final class Builder {
    private final EventExporter exporter;
    private int queueCapacity;
    private int maxBatchEvents;
    private long maxBatchBytes;
    private Duration scheduleDelay;
    private Duration exporterTimeout;

    private Builder(EventExporter exporter) {
      this.exporter = Objects.requireNonNull(exporter, "exporter");
      settings(ExportSettings.defaults());
    }

    /** Takes the queue, batch and delay settings, and an exporter timeout that outlasts its retries. */
    public Builder settings(ExportSettings s) {
      queueCapacity = s.queueCapacity();
      maxBatchEvents = s.maxBatchEvents();
      maxBatchBytes = s.maxBatchBytes();
      scheduleDelay = s.scheduleDelay();
      // the HTTP exporter gives up by itself after maxRetryElapsed plus one request's deadline
      exporterTimeout = s.maxRetryElapsed().plus(s.requestTimeout()).plusSeconds(5);
      return this;
    }

    /** Most events held in the queue; default 2048. */
    public Builder queueCapacity(int events) {
      queueCapacity = positive(events, "queueCapacity");
      return this;
    }

    /** Most events per batch; default 512. */
    public Builder maxBatchEvents(int events) {
      maxBatchEvents = positive(events, "maxBatchEvents");
      return this;
    }

    /** Most bytes of JSON per batch and per request; default 4,000,000. */
    public Builder maxBatchBytes(long bytes) {
      if (bytes < 1024 || bytes > ExportSettings.API_MAX_REQUEST_BYTES) {
        throw new IllegalArgumentException("maxBatchBytes must be between 1024 and "
            + ExportSettings.API_MAX_REQUEST_BYTES + " (the API's request limit), but was " + bytes);
      }
      maxBatchBytes = bytes;
      return this;
    }

    /** Longest a session waits for its batch to fill; default 1 s. */
    public Builder scheduleDelay(Duration delay) {
      scheduleDelay = positive(delay, "scheduleDelay");
      return this;
    }

    /** Longest wait for one export call before its events count as failed; default 95 s. */
    public Builder exporterTimeout(Duration timeout) {
      exporterTimeout = positive(timeout, "exporterTimeout");
      return this;
    }

    public BatchingSessionProcessor build() {
      if (maxBatchEvents > queueCapacity) {
        throw new IllegalArgumentException("maxBatchEvents (" + maxBatchEvents
            + ") must not exceed queueCapacity (" + queueCapacity + ")");
      }
      return new BatchingSessionProcessor(this);
    }

    private static int positive(int v, String name) {
      if (v < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, but was " + v);
      }
      return v;
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be a positive duration, but was " + d);
      }
      return d;
    }
  }
}
