package ai.honeyhive.transport.export.internal;

import ai.honeyhive.transport.internal.Deadlines;
import ai.honeyhive.transport.internal.ThrottledLogger;
import ai.honeyhive.transport.export.EventExporter;
import ai.honeyhive.transport.export.ExportException;
import ai.honeyhive.transport.export.ExportStats;
import ai.honeyhive.transport.model.BatchRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.LoggerFactory;

/**
 * Exports each session on the thread that completed it and waits for the result. Meant for
 * tests and for exporters that never block (such as {@link InMemoryExporter}); production code
 * uses the batching processor, which never makes the application wait.
 *
 * <p>Not public API.
 */
public final class SimpleSessionProcessor implements SessionProcessor {
  /** Each processor's own: what one tracer drops is said even if another's was said a moment ago. */
  private final ThrottledLogger log = new ThrottledLogger(LoggerFactory.getLogger(SimpleSessionProcessor.class));

  private final EventExporter exporter;
  private final AtomicBoolean shutdown = new AtomicBoolean();
  private final LongAdder queued = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final LongAdder droppedAfterShutdown = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder rejected = new LongAdder();

  public SimpleSessionProcessor(EventExporter exporter) {
    this.exporter = exporter;
  }

  @Override
  public void onSessionEnd(BatchRequest session) {
    int events = session.events().size();
    if (shutdown.get()) {
      droppedAfterShutdown.add(events);
      log.warn("after-shutdown", "HoneyHive: a session completed after the tracer was shut down;"
          + " its events were dropped (counted in ExportStats.droppedAfterShutdown)");
      return;
    }
    queued.add(events);
    try {
      exporter.export(List.of(session)).get(30, TimeUnit.SECONDS);
      sent.add(events);
    } catch (InterruptedException e) {
      failed.add(events);
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      int lost = cause instanceof ExportException x ? Math.min(x.failedEvents(), events) : events;
      int refused = cause instanceof ExportException x ? Math.min(x.rejectedEvents(), lost) : 0;
      failed.add(lost - refused);
      rejected.add(refused);
      sent.add(events - lost);
      log.warn("export", "HoneyHive: exporting a session failed: " + cause, null);
    }
  }

  @Override
  public ExportStats stats() {
    return new ExportStats(queued.sum(), sent.sum(), 0, droppedAfterShutdown.sum(), failed.sum(),
        rejected.sum(), DeliveryHints.of(exporter).retryCount());
  }

  @Override
  public boolean flush(Duration timeout) {
    return await(exporter.flush(), timeout);
  }

  @Override
  public boolean shutdown(Duration timeout) {
    if (!shutdown.compareAndSet(false, true)) {
      return true;
    }
    return await(exporter.shutdown(), timeout);
  }

  private static boolean await(java.util.concurrent.CompletableFuture<Void> f, Duration timeout) {
    try {
      f.get(Deadlines.nanos(timeout), TimeUnit.NANOSECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    }
  }
}
