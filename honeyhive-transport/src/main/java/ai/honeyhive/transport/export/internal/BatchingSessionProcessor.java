package ai.honeyhive.transport.export.internal;

import ai.honeyhive.transport.internal.Deadlines;
import ai.honeyhive.config.ExportSettings;
import ai.honeyhive.transport.internal.ThrottledLogger;
import ai.honeyhive.transport.export.EventExporter;
import ai.honeyhive.transport.export.ExportException;
import ai.honeyhive.transport.export.ExportStats;
import ai.honeyhive.transport.model.BatchRequest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * Queues completed sessions and exports them from one background thread, so that the thread
 * completing a session never waits for I/O.
 *
 * <p><b>Queue.</b> It holds at most {@code queueCapacity} events and {@code queueMaxBytes}
 * bytes (each session's estimated JSON size, {@link CompletedSession#estimatedBytes()}); an empty
 * queue takes any one session, however large, so that no session is undeliverable. A session
 * that does not fit is dropped whole and counted, and a warning says so at most once a minute.
 *
 * <p><b>Requests.</b> The worker packs sessions into requests of at most {@code maxBatchEvents}
 * events and {@code maxBatchBytes} bytes (a session larger than that is split into pieces for
 * the same session id, see {@link SessionSplitter}) and hands each to the exporter as its own
 * {@link EventExporter#export} call, keeping up to {@link DeliveryHints#maxConcurrentExports()}
 * of them outstanding: when one finishes, the next starts. A slow request holds its slot and no
 * other. The worker sends when a request's worth of events is waiting, when the oldest session
 * has waited {@code scheduleDelay}, or at once when flushing or shutting down. The worker thread
 * starts with the first session, is a daemon, and is named {@code honeyhive-batch-exporter}.
 *
 * <p>{@link #flush} waits until every session taken before it was exported or failed for good;
 * {@link #shutdown} tells the exporter its time budget ({@link DeliveryHints#finishWithin}),
 * sends everything queued with every slot in use, then shuts the exporter down, within its
 * timeout, and logs what was sent and dropped. Sessions arriving after shutdown are dropped and
 * counted. {@link #stats()} says what became of every event.
 *
 * <p>Not public API.
 */
public final class BatchingSessionProcessor implements SessionProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(BatchingSessionProcessor.class);
  /** Per instance, so that each exporter or processor says each thing once. */
  private final ThrottledLogger throttled = new ThrottledLogger(LOG);
  static final String THREAD_NAME = "honeyhive-batch-exporter";
  /**
   * What a session adds to a multi-session request besides its own batch: the session event's
   * fixed fields and, per event, a {@code children_ids} entry at most.
   */
  private static final long SESSION_EVENT_BYTES = 256;
  private static final long BYTES_PER_CHILD_ID = 48;

  private final EventExporter exporter;
  private final int queueCapacity;
  private final long queueMaxBytes;
  private final int maxBatchEvents;
  private final long maxBatchBytes;
  private final long scheduleDelayNanos;
  private final Duration exporterTimeout;
  private final SessionSplitter splitter;
  private final int slots;
  private final boolean onePerCall;
  /** Made once: while the queue is full every session is dropped, and building the text each time showed in profiles. */
  private final String queueFullMessage;

  /** Sessions whose bodies are assembled on the worker, when it takes them. */
  private final ConcurrentLinkedQueue<Queued> queue = new ConcurrentLinkedQueue<>();
  /** Queue occupancy in events (a session with none weighs one). */
  private final AtomicInteger queueWeight = new AtomicInteger();
  /** Queue occupancy in estimated bytes. */
  private final AtomicLong queueBytes = new AtomicLong();
  private final AtomicLong acceptedSessions = new AtomicLong();
  /** Sessions taken from the queue whose every piece was exported or failed. */
  private final AtomicLong finishedSessions = new AtomicLong();
  /** Export calls outstanding; at most {@link #slots}. */
  private final AtomicInteger inFlight = new AtomicInteger();

  private final LongAdder queued = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final LongAdder droppedQueueFull = new LongAdder();
  private final LongAdder droppedAfterShutdown = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder rejected = new LongAdder();

  /** Why events were last given up on, for the summary at shutdown; written by the exporter, without the key. */
  private volatile String lastFailure;

  private final List<FlushRequest> flushRequests = new ArrayList<>();
  private volatile boolean flushWanted;
  private volatile boolean shutdown;
  private volatile boolean terminated;
  private final AtomicReference<Thread> worker = new AtomicReference<>();
  private final AtomicBoolean shutdownStarted = new AtomicBoolean();
  private final CompletableFuture<Boolean> shutdownResult = new CompletableFuture<>();

  /** Whether a kind of session says its own size, rather than taking the default guess. */
  private static final ClassValue<Boolean> ESTIMATES_OWN_SIZE = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      try {
        return type.getMethod("estimatedBytes").getDeclaringClass() != CompletedSession.class;
      } catch (NoSuchMethodException | SecurityException e) {
        return false;
      }
    }
  };

  /** A queued session with the weight and size it was admitted with. */
  private record Queued(CompletedSession session, int weight, long bytes) {}

  /** One piece on its way, with the count of its session's pieces not yet finished. */
  private record Part(SessionSplitter.Piece piece, AtomicInteger sessionPiecesLeft) {}

  private BatchingSessionProcessor(Builder b) {
    this.exporter = b.exporter;
    this.queueCapacity = b.queueCapacity;
    this.queueMaxBytes = b.queueMaxBytes;
    this.maxBatchEvents = b.maxBatchEvents;
    this.maxBatchBytes = b.maxBatchBytes;
    this.scheduleDelayNanos = b.scheduleDelay.toNanos();
    this.exporterTimeout = b.exporterTimeout;
    this.splitter = new SessionSplitter(b.maxBatchEvents, b.maxBatchBytes);
    this.slots = Math.max(1, DeliveryHints.of(exporter).maxConcurrentExports());
    this.onePerCall = DeliveryHints.of(exporter).oneBatchPerCall();
    this.queueFullMessage = "HoneyHive: the export queue is full (" + queueCapacity + " events or "
        + queueMaxBytes + " bytes); sessions are being dropped (counted in ExportStats.droppedQueueFull)."
        + " The API may be slow or unreachable; raise HH_QUEUE_CAPACITY or HH_QUEUE_MAX_BYTES if this persists";
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

  /** Queues the session; its body is assembled on the worker thread when its request is packed. */
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
    long bytes;
    try {
      bytes = Math.max(1, session.estimatedBytes());
    } catch (RuntimeException e) {
      bytes = CompletedSession.GUESSED_BYTES_PER_EVENT * weight;
    }
    int before;
    do {
      before = queueWeight.get();
      if (before != 0 && before + weight > queueCapacity) {
        dropFull(events);
        return;
      }
    } while (!queueWeight.compareAndSet(before, before + weight));
    long bytesBefore;
    do {
      bytesBefore = queueBytes.get();
      if (before != 0 && bytesBefore != 0 && bytesBefore + bytes > queueMaxBytes) {
        queueWeight.addAndGet(-weight);
        dropFull(events);
        return;
      }
    } while (!queueBytes.compareAndSet(bytesBefore, bytesBefore + bytes));
    acceptedSessions.incrementAndGet();
    queued.add(events);
    queue.add(new Queued(session, weight, bytes));
    Thread w = worker.get();
    if (w == null) {
      w = startWorker();
    }
    // wake the worker when the queue stops being empty (its delay starts) or a request fills up
    if (before == 0 || before < maxBatchEvents && before + weight >= maxBatchEvents) {
      LockSupport.unpark(w);
    }
    if (terminated) {
      failStranded(); // the worker left between our shutdown check and our add
    }
  }

  private void dropFull(int events) {
    droppedQueueFull.add(events);
    throttled.warn("queue-full", queueFullMessage);
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
    ExportStats before = stats();
    try {
      DeliveryHints.of(exporter).finishWithin(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    } catch (RuntimeException e) {
      LOG.debug("HoneyHive: the exporter's finishWithin failed", e);
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
        String why = lastFailure;
        LOG.warn("HoneyHive export at shutdown: {}{}{}", s.summary(), s.pending() > 0
            ? " (pending events were still unsent when the shutdown timeout, HH_SHUTDOWN_TIMEOUT_MS, ran out)" : "",
            why == null ? "" : "; last failure: " + why);
      } else if (s.sent() > before.sent()) {
        LOG.debug("HoneyHive export at shutdown: {}", s.summary());
      }
      shutdownResult.complete(ok);
    }
    return ok;
  }

  @Override
  public ExportStats stats() {
    return new ExportStats(queued.sum(), sent.sum(), droppedQueueFull.sum(),
        droppedAfterShutdown.sum(), failed.sum(), rejected.sum(), DeliveryHints.of(exporter).retryCount());
  }

  /** Waits until every session accepted so far is finished, or the deadline passes. */
  private boolean awaitFinished(long deadline) {
    long target = acceptedSessions.get();
    if (finishedSessions.get() >= target) {
      return true;
    }
    Thread w = worker.get();
    if (w == null || terminated && inFlight.get() == 0) {
      return finishedSessions.get() >= target;
    }
    FlushRequest request = new FlushRequest(target);
    synchronized (flushRequests) {
      flushRequests.add(request);
      flushWanted = true;
    }
    completeFlushRequests();
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
    ArrayDeque<Part> carry = new ArrayDeque<>();
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
              return; // requests in flight finish on their own and count themselves
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
          if (inFlight.get() >= slots) {
            // every slot busy: a finishing request unparks us; meanwhile the next request fills up
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(50));
            continue;
          }
          sendNext(carry);
          if (queue.isEmpty() && carry.isEmpty()) {
            nextExportAt = System.nanoTime() + scheduleDelayNanos;
          }
        } catch (RuntimeException | LinkageError | OutOfMemoryError | StackOverflowError e) {
          // one bad batch (or a moment without memory) must not end exporting for the life of the JVM
          throttled.error("worker", "HoneyHive: the export worker failed; it carries on", e);
        }
      }
    } finally {
      terminated = true;
      for (Part p : carry) {
        finishPart(p);
        failed.add(p.piece().events());
      }
      failStranded();
      completeFlushRequests();
    }
  }

  /** Packs the next request from the carried pieces and the queue, and starts exporting it. */
  private void sendNext(ArrayDeque<Part> carry) {
    List<Part> batch = new ArrayList<>();
    int events = 0;
    long bytes = 0;
    while (events < maxBatchEvents) {
      Part p = carry.peekFirst();
      if (p == null) {
        Queued q = queue.poll();
        if (q == null) {
          break;
        }
        queueWeight.addAndGet(-q.weight());
        queueBytes.addAndGet(-q.bytes());
        take(q, carry);
        continue;
      }
      SessionSplitter.Piece piece = p.piece();
      // what the piece takes in a multi-session request: its batch, its session event, links
      long pieceBytes = piece.bytes() + SESSION_EVENT_BYTES + BYTES_PER_CHILD_ID * piece.events();
      int pieceEvents = piece.events();
      if (!batch.isEmpty() && (onePerCall || events + pieceEvents > maxBatchEvents
          || bytes + pieceBytes > maxBatchBytes)) {
        break;
      }
      carry.pollFirst();
      batch.add(p);
      events += pieceEvents;
      bytes += pieceBytes;
    }
    if (!batch.isEmpty()) {
      export(batch);
    }
    completeFlushRequests();
  }

  /** Assembles a session's body and splits it into pieces; a session that cannot be assembled fails. */
  private void take(Queued q, ArrayDeque<Part> carry) {
    CompletedSession session = q.session();
    try {
      // a session that knows its size (the tracer's do, from what their events captured) is not
      // walked again to be measured
      long known = ESTIMATES_OWN_SIZE.get(session.getClass()) ? q.bytes() : -1;
      List<SessionSplitter.Piece> pieces = splitter.split(session.toBatchRequest(), known);
      AtomicInteger left = new AtomicInteger(pieces.size());
      for (SessionSplitter.Piece piece : pieces) {
        carry.add(new Part(piece, left));
      }
    } catch (RuntimeException | LinkageError e) {
      failed.add(session.eventCount());
      finishedSessions.incrementAndGet();
      throttled.warn("serialize", "HoneyHive: a session could not be assembled or serialized and"
          + " was dropped (counted in ExportStats.failed)", e);
    }
  }

  /** Starts one export call; its completion counts the outcome and frees the slot. */
  private void export(List<Part> batch) {
    List<BatchRequest> requests = new ArrayList<>(batch.size());
    int events = 0;
    for (Part p : batch) {
      requests.add(p.piece().request());
      events += p.piece().events();
    }
    int total = events;
    inFlight.incrementAndGet();
    CompletableFuture<Void> result;
    try {
      result = exporter.export(requests);
      if (result == null) {
        result = CompletableFuture.completedFuture(null);
      }
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    // a guard against an exporter that never completes: its slot would be lost for good
    result.toCompletableFuture().copy()
        .orTimeout(exporterTimeout.toNanos(), TimeUnit.NANOSECONDS)
        .whenComplete((v, e) -> finished(batch, total, e));
  }

  private void finished(List<Part> batch, int events, Throwable error) {
    try {
      int failedEvents = 0;
      int rejectedEvents = 0;
      if (error != null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        lastFailure = String.valueOf(cause.getMessage() != null ? cause.getMessage() : cause);
        if (cause instanceof ExportException x) {
          failedEvents = Math.min(x.failedEvents(), events);
          rejectedEvents = Math.min(x.rejectedEvents(), failedEvents);
        } else if (cause instanceof TimeoutException) {
          failedEvents = events;
          throttled.warn("export-timeout", "HoneyHive: the exporter did not finish " + events
              + " events within " + exporterTimeout.toMillis() + " ms; counted as failed");
        } else {
          failedEvents = events;
          // an ExportException was logged by its exporter, which knew why
          throttled.warn("export", "HoneyHive: exporting " + events + " events failed: " + cause);
        }
      }
      sent.add(events - failedEvents);
      failed.add(failedEvents - rejectedEvents);
      rejected.add(rejectedEvents);
      for (Part p : batch) {
        finishPart(p);
      }
    } finally {
      inFlight.decrementAndGet();
      completeFlushRequests();
      Thread w = worker.get();
      if (w != null) {
        LockSupport.unpark(w);
      }
    }
  }

  private void finishPart(Part p) {
    if (p.sessionPiecesLeft().decrementAndGet() == 0) {
      finishedSessions.incrementAndGet();
    }
  }

  /** Counts as failed whatever is still queued once the worker has gone. */
  private void failStranded() {
    Queued q;
    while ((q = queue.poll()) != null) {
      queueWeight.addAndGet(-q.weight());
      queueBytes.addAndGet(-q.bytes());
      failed.add(q.session().eventCount());
      finishedSessions.incrementAndGet();
    }
  }

  private void completeFlushRequests() {
    long finished = finishedSessions.get();
    boolean gone = terminated && inFlight.get() == 0;
    synchronized (flushRequests) {
      if (flushRequests.isEmpty()) {
        return;
      }
      Iterator<FlushRequest> it = flushRequests.iterator();
      while (it.hasNext()) {
        FlushRequest r = it.next();
        if (r.target <= finished || gone) {
          r.done.complete(r.target <= finished);
          it.remove();
        }
      }
      flushWanted = !flushRequests.isEmpty();
    }
  }

  private static int carryEvents(ArrayDeque<Part> carry) {
    int n = 0;
    for (Part p : carry) {
      n += Math.max(1, p.piece().events());
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
        + ", queueMaxBytes=" + queueMaxBytes + ", maxBatchEvents=" + maxBatchEvents
        + ", maxBatchBytes=" + maxBatchBytes + ", slots=" + slots
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
    private long queueMaxBytes;
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
      queueMaxBytes = s.queueMaxBytes();
      maxBatchEvents = s.maxBatchEvents();
      maxBatchBytes = s.maxBatchBytes();
      scheduleDelay = s.scheduleDelay();
      // the HTTP exporter gives up by itself after maxRetryElapsed plus one request's deadline
      exporterTimeout = s.maxRetryElapsed().plus(s.requestTimeout()).plusSeconds(5);
      return this;
    }

    /** Most events held in the queue; default 20,000. */
    public Builder queueCapacity(int events) {
      queueCapacity = positive(events, "queueCapacity");
      return this;
    }

    /** Most estimated bytes of JSON held in the queue; default 64 MiB. */
    public Builder queueMaxBytes(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("queueMaxBytes must be at least 1024, but was " + bytes);
      }
      queueMaxBytes = bytes;
      return this;
    }

    /** Most events per request; default 1000. */
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

    /** Longest wait for one export call before its events count as failed and its slot is freed; default 95 s. */
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
