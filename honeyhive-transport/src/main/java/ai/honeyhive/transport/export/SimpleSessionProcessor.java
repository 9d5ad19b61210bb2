package ai.honeyhive.transport.export;

import ai.honeyhive.transport.internal.ThrottledLogger;
import ai.honeyhive.transport.model.BatchRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * Exports each session on the thread that completed it and waits for the result. Meant for
 * tests and for exporters that never block (such as {@link InMemoryExporter}); production code
 * uses the batching processor, which never makes the application wait.
 */
public final class SimpleSessionProcessor implements SessionProcessor {
  private static final ThrottledLogger LOG =
      new ThrottledLogger(LoggerFactory.getLogger(SimpleSessionProcessor.class));

  private final EventExporter exporter;
  private final AtomicBoolean shutdown = new AtomicBoolean();

  public SimpleSessionProcessor(EventExporter exporter) {
    this.exporter = exporter;
  }

  @Override
  public void onSessionEnd(BatchRequest session) {
    if (shutdown.get()) {
      return;
    }
    try {
      exporter.export(List.of(session)).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("export", "HoneyHive: exporting a session failed: " + e, null);
    }
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
      f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      return false;
    }
  }
}
