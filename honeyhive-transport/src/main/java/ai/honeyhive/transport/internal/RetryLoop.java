package ai.honeyhive.transport.internal;

import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request, sent until it succeeds, is refused, or its attempts or time are spent: the one retry
 * loop of this library. The exporter starts it and is told the result; the read client starts it
 * and waits for the result on the caller's thread. Attempts go out on the {@link ApiHttpClient}'s
 * I/O thread; each is cut at its deadline and the waits between them run on the client's timer,
 * so no thread is held while a request waits or hangs.
 *
 * <p>Each outcome is read by {@link Outcome#of} (the status's {@link ApiResponse.Verdict}; no
 * response at all is worth retrying), shown to the owner ({@link #review}), and then: a success or
 * a refusal ends the loop; anything worth retrying goes again when {@link RetryPolicy#next} says
 * so, else the loop gives up. The owner's methods are called holding this object's lock, once the
 * loop has ended never again; exactly one of {@link #succeeded}, {@link #refused} and
 * {@link #gaveUp} ends it, unless {@link #beforeAttempt} ended it itself. Not public API.
 */
public abstract class RetryLoop {
  private static final Logger LOG = LoggerFactory.getLogger(RetryLoop.class);
  private static final ThrottledLogger INTERNAL = new ThrottledLogger(LOG);
  /** A cut timer that fires this close to the deadline cuts; farther off, it is set again. */
  private static final long CUT_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  protected final RetryPolicy policy;
  private final ApiHttpClient http;
  private final String apiKey;
  private long firstAttempt;
  private int attempts;
  private ApiHttpClient.AsyncCall call;
  private long attemptStart;
  private Outcome last;
  private ScheduledFuture<?> cut;
  private ScheduledFuture<?> wait;
  private boolean ended;

  /** {@code apiKey} (may be null) is only used to keep it out of what the outcomes say. */
  protected RetryLoop(ApiHttpClient http, RetryPolicy policy, String apiKey) {
    this.http = http;
    this.policy = policy;
    this.apiKey = apiKey;
  }

  // ---- what the owner says

  /** Starts one attempt. */
  protected abstract ApiHttpClient.AsyncCall send();

  /** Called before each attempt; false when the owner has ended the request instead. */
  protected boolean beforeAttempt() {
    return true;
  }

  /** When an attempt started at {@code start} ({@code System.nanoTime()}) is cut; asked again when its timer fires. */
  protected long attemptDeadline(long start) {
    return start + Deadlines.nanos(policy.attemptTimeout());
  }

  /** The time for all attempts of a request first tried at {@code firstAttempt}. */
  protected RetryPolicy.Budget budget(long firstAttempt) {
    return policy.budget(firstAttempt);
  }

  /** Why no further attempt may start (e.g. the owner was shut down), or null. */
  protected String stoppedReason() {
    return http.isClosed() ? "the HTTP client was closed" : null;
  }

  /**
   * Sees every outcome of a current attempt first; returns what it means for this request,
   * usually {@code outcome} itself ({@link Outcome#asSuccess()} or {@link Outcome#retryAs} when the
   * body says more than the status).
   */
  protected Outcome review(Outcome outcome, long roundTripNanos) {
    return outcome;
  }

  /** Another attempt will start in {@code waitNanos}. */
  protected void retrying(long waitNanos, Outcome outcome) {}

  protected abstract void succeeded(ApiResponse response);

  /** The API refused the request: {@code KEY_REJECTED} or {@code REJECTED}; another attempt would not help. */
  protected abstract void refused(Outcome outcome);

  /** No further attempt: {@code problem} says why; {@code last} is the last outcome, null when no attempt got one. */
  protected abstract void gaveUp(String problem, Outcome last);

  // ---- what the owner may call

  /** Starts the first attempt now. */
  public final synchronized void start() {
    attempt();
  }

  /** How many attempts have started. */
  public final synchronized int attempts() {
    return attempts;
  }

  /**
   * The owner's deadlines changed (exit): the cut of an attempt in flight is set again, and a wait
   * for the next attempt ends now.
   */
  public final synchronized void hurry() {
    if (ended) {
      return;
    }
    if (call != null && !call.response().isDone()) {
      armCut(call, attemptDeadline(attemptStart));
    } else if (wait != null && wait.cancel(false)) {
      scheduleAttempt(0);
    }
  }

  /** Sets the cut of the attempt in flight, if any, for its deadline as worked out now. */
  public final synchronized void rearmCut() {
    if (!ended && call != null && !call.response().isDone()) {
      armCut(call, attemptDeadline(attemptStart));
    }
  }

  /** Ends the request now: the attempt in flight is cut, a pending one never starts, and it gives up saying {@code why}. */
  public final synchronized void abandon(String why) {
    if (ended) {
      return;
    }
    if (wait != null) {
      wait.cancel(false);
    }
    ApiHttpClient.AsyncCall c = call;
    call = null; // its outcome, which the cancel may deliver at once, is no longer current
    if (c != null) {
      c.cancel(why);
    }
    giveUp(why);
  }

  // ---- the loop

  /**
   * Starts the next attempt. Guarded, as {@link #outcome} is: it runs on the timer or inside a
   * future's callback, where an exception of the owner's hooks would be swallowed and leave the
   * request never ended, its result never completed and its export slot never given back.
   */
  private synchronized void attempt() {
    try {
      attemptUnguarded();
    } catch (Throwable t) {
      failedInternally(t);
    }
  }

  private void attemptUnguarded() {
    if (ended) {
      return;
    }
    wait = null;
    String stopped = stoppedReason();
    if (stopped != null) {
      giveUp(stopped);
      return;
    }
    if (!beforeAttempt()) {
      ended = true;
      return;
    }
    if (attempts == 0) {
      firstAttempt = System.nanoTime();
    }
    attempts++;
    ApiHttpClient.AsyncCall c;
    try {
      c = send();
    } catch (IllegalStateException closedMeanwhile) {
      stopped = stoppedReason();
      giveUp(stopped != null ? stopped : "the HTTP client was closed");
      return;
    } catch (RuntimeException e) {
      giveUp("the request could not be started: " + ServerMessages.clean(e.toString(), apiKey));
      return;
    }
    // timed from here: starting the HTTP client on first use (class loading, the I/O thread) is
    // no part of the server's answer, and on a cold JVM can take longer than a short timeout
    long now = System.nanoTime();
    attemptStart = now;
    call = c;
    armCut(c, attemptDeadline(now));
    c.response().whenComplete((r, e) -> outcome(c, now, r, e));
  }

  private void armCut(ApiHttpClient.AsyncCall c, long deadline) {
    if (cut != null) {
      cut.cancel(false);
    }
    try {
      cut = http.timer().schedule(() -> cutIfDue(c), Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closed) {
      c.cancel("the HTTP client was closed");
    }
  }

  /**
   * Cuts the attempt if its deadline, worked out again now (the owner's may have changed since the
   * cut was set), has come; otherwise sets the cut for it.
   */
  private void cutIfDue(ApiHttpClient.AsyncCall c) {
    String why;
    synchronized (this) {
      if (c != call || c.response().isDone()) {
        return;
      }
      long deadline = attemptDeadline(attemptStart);
      if (deadline - System.nanoTime() > CUT_SLACK_NANOS) {
        armCut(c, deadline);
        return;
      }
      long ms = TimeUnit.NANOSECONDS.toMillis(deadline - attemptStart);
      why = "no complete response within " + ms + " ms"
          + (budget(firstAttempt).hurry() ? " (at exit)"
              : ms == policy.attemptTimeout().toMillis() ? " (HH_HTTP_REQUEST_TIMEOUT_MS)" : "");
    }
    c.cancel(why);
  }

  private void outcome(ApiHttpClient.AsyncCall c, long started, ApiResponse r, Throwable e) {
    try {
      outcomeUnguarded(c, started, r, e);
    } catch (Throwable t) {
      failedInternally(t);
    }
  }

  private void outcomeUnguarded(ApiHttpClient.AsyncCall c, long started, ApiResponse r, Throwable e) {
    Outcome o = Outcome.of(r, e, Instant.now(), apiKey);
    synchronized (this) {
      if (c != call || ended) {
        return;
      }
      if (cut != null) {
        cut.cancel(false);
        cut = null;
      }
      Outcome seen = review(o, System.nanoTime() - started);
      last = seen;
      switch (seen.verdict()) {
        case SUCCESS:
          ended = true;
          succeeded(seen.response());
          break;
        case RETRY:
          retryOrGiveUp(seen);
          break;
        default:
          ended = true;
          refused(seen);
      }
    }
  }

  private void retryOrGiveUp(Outcome o) {
    String stopped = stoppedReason();
    if (stopped != null) {
      giveUp(stopped + " (last problem: " + o.problem() + ")");
      return;
    }
    RetryPolicy.Next next = policy.next(attempts, System.nanoTime(), budget(firstAttempt), o.retryAfter());
    if (!next.retry()) {
      giveUp(o.problem() + next.stop());
      return;
    }
    retrying(next.waitNanos(), o);
    LOG.debug("HoneyHive: retrying a request in {} ms: {}", TimeUnit.NANOSECONDS.toMillis(next.waitNanos()), o.problem());
    scheduleAttempt(next.waitNanos());
  }

  private void scheduleAttempt(long delayNanos) {
    call = null;
    try {
      wait = http.timer().schedule(this::attempt, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closed) {
      String stopped = stoppedReason();
      giveUp(stopped != null ? stopped : "the HTTP client was closed");
    }
  }

  private void giveUp(String problem) {
    ended = true;
    gaveUp(problem, last);
  }

  /**
   * Our own code failed in the loop or in one of the owner's hooks: the request ends as given up,
   * so that whoever waits for it is answered (a result completed twice keeps its first value).
   */
  private synchronized void failedInternally(Throwable t) {
    String problem = "internal error: " + ServerMessages.clean(String.valueOf(t), apiKey);
    INTERNAL.warn("internal-error", "HoneyHive: a request ended on an internal error; it is counted as failed: " + problem);
    if (wait != null) {
      wait.cancel(false);
    }
    if (cut != null) {
      cut.cancel(false);
    }
    ended = true;
    try {
      gaveUp(problem, last);
    } catch (Throwable again) {
      INTERNAL.warn("give-up-failed", "HoneyHive: giving up a request failed too: "
          + ServerMessages.clean(String.valueOf(again), apiKey));
    }
  }
}
