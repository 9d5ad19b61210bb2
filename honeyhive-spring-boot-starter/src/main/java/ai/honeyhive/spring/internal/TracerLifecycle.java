package ai.honeyhive.spring.internal;

import ai.honeyhive.Tracer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Delivers what was traced when the application context closes. Its phase is below the web
 * server's graceful shutdown ({@code DEFAULT_PHASE - 1024}) and the web server's stop
 * ({@code DEFAULT_PHASE - 2048}): Spring stops higher phases first, so the requests still running
 * at close have finished, and their sessions completed, before the tracer shuts down. The tracer's
 * own shutdown timeout ({@code honeyhive.shutdown.timeout.ms}) bounds the wait. Not public API.
 */
public final class TracerLifecycle implements SmartLifecycle {
  /** After the web server's graceful shutdown and stop, before singletons are destroyed. */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;
  private static final Logger LOG = LoggerFactory.getLogger(TracerLifecycle.class);

  private final Tracer tracer;
  private volatile boolean running;

  public TracerLifecycle(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    if (!running) {
      return;
    }
    running = false;
    try {
      Duration timeout = TracerBridge.shutdownTimeout(tracer);
      if (!TracerBridge.shutdown(tracer, timeout)) {
        LOG.warn("HoneyHive: not everything traced was delivered within {} ms at shutdown", timeout.toMillis());
      }
    } catch (RuntimeException | LinkageError e) {   // closing the context must go on whatever we do
      LOG.warn("HoneyHive: shutting the tracer down failed: {}", e.toString());
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
