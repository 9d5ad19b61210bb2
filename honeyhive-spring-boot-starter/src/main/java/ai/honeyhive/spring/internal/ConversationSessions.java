package ai.honeyhive.spring.internal;

import ai.honeyhive.Session;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One HoneyHive session per Spring AI conversation (the chat memory conversation id), kept open
 * across requests: each turn's events join it, and are sent as each turn completes (a long
 * session exports its completed subtrees as it goes). A conversation's session is closed, and so
 * announced, once it has been idle for {@code honeyhive.spring.conversation.idle.ms}, or when the
 * context closes (just before the tracer shuts down). At most {@link #MAX_OPEN} are open at once:
 * past that a turn is a session of its own, said once in the log. Not public API.
 */
public final class ConversationSessions implements SmartLifecycle {
  static final int MAX_OPEN = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(ConversationSessions.class);

  private record Open(Session session, long lastUsedNanos) {}

  private final Map<String, Open> open = new ConcurrentHashMap<>();
  private final long idleNanos;
  private final ScheduledExecutorService sweeper;
  private volatile boolean running;
  private volatile boolean fullLogged;

  /** How long a conversation's session stays open without a turn. */
  public Duration idle() {
    return Duration.ofNanos(idleNanos);
  }

  public ConversationSessions(Duration idle) {
    this.idleNanos = idle.toNanos();
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "honeyhive-conversations");
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(100, Math.min(idle.toMillis() / 4, 60_000));
    sweeper.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
  }

  /** The open session of this conversation, started if need be; null when none can be had. */
  Session sessionFor(String conversationId) {
    if (!running) {
      return null;
    }
    long now = System.nanoTime();
    Open o = open.compute(conversationId, (id, current) -> {
      if (current != null) {
        return new Open(current.session(), now);
      }
      if (open.size() >= MAX_OPEN) {
        return null;
      }
      return new Open(TracerBridge.tracer().startDetachedSession("conversation " + id), now);
    });
    if (o == null && !fullLogged) {
      fullLogged = true;
      LOG.warn("HoneyHive: {} conversations are open; further ones are traced one session per request", MAX_OPEN);
    }
    return o == null ? null : o.session();
  }

  void closeIdle() {
    long now = System.nanoTime();
    for (Iterator<Map.Entry<String, Open>> it = open.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Open> e = it.next();
      if (now - e.getValue().lastUsedNanos() >= idleNanos && open.remove(e.getKey(), e.getValue())) {
        close(e.getValue().session());
      }
    }
  }

  private static void close(Session s) {
    try {
      s.close();
    } catch (RuntimeException e) {
      LOG.debug("HoneyHive: closing a conversation's session failed: {}", e.toString());
    }
  }

  @Override
  public void start() {
    running = true;
  }

  /** Closes every conversation's session, so the tracer's shutdown (the next phase) delivers them. */
  @Override
  public void stop() {
    running = false;
    sweeper.shutdownNow();
    for (String id : open.keySet()) {
      Open o = open.remove(id);
      if (o != null) {
        close(o.session());
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return TracerLifecycle.PHASE + 1;   // stopped just before the tracer
  }
}
