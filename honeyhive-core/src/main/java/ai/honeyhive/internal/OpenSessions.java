package ai.honeyhive.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The sessions in flight, for shutdown to wait for and cut, and for the sweep of sessions past
 * their age: a set kept in lists threaded through the sessions themselves, split in stripes by bits of
 * the session's start time, each under its own lock. Adding or removing a session is one
 * uncontended lock and a few field writes, with nothing allocated and no hash computed, which
 * matters because every traced session is added when it starts and removed when it completes,
 * on the caller's thread. The commonest session, a single traced call, is not added here at all:
 * it is counted in its thread's slot ({@link TraceContext.Slot#count}), a field write; the
 * runtime's snapshot of the sessions in flight is both. Not public API.
 *
 * <p>A stripe's lock is a monitor, not a flag taken with one atomic instruction and let go with a
 * releasing write (which would save one atomic instruction on each add and remove): a monitor is
 * let go by the JVM whatever happens, while a flag let go by a method call in a {@code finally}
 * stays taken if that call fails (a stack overflow in a traced recursive method), and every
 * thread whose session falls in that stripe would then wait for ever.
 *
 * <p>Registrations are counted: a session added twice (late work holding a completed session
 * again before its removal ran) stays until removed twice, so the removal of a completion never
 * takes out a registration made after it. Lock order: a session's lock, then a stripe's; no
 * session's lock is taken holding a stripe's.
 */
final class OpenSessions {
  private static final int STRIPES = 16;   // a power of two

  /** One list of sessions, under its own lock. */
  private static final class Stripe {
    SessionTree head;
    int size;
  }

  private final Stripe[] stripes = new Stripe[STRIPES];

  OpenSessions() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
    }
  }

  private Stripe stripeOf(SessionTree s) {
    return stripes[s.stripeBits() & (STRIPES - 1)];
  }

  void add(SessionTree s) {
    Stripe st = stripeOf(s);
    synchronized (st) {
      if (s.registrations++ == 0) {
        s.prevOpen = null;
        s.nextOpen = st.head;
        if (st.head != null) {
          st.head.prevOpen = s;
        }
        st.head = s;
        st.size++;
      }
    }
  }

  void remove(SessionTree s) {
    Stripe st = stripeOf(s);
    synchronized (st) {
      if (s.registrations == 0 || --s.registrations > 0) {
        return;
      }
      if (s.prevOpen != null) {
        s.prevOpen.nextOpen = s.nextOpen;
      } else {
        st.head = s.nextOpen;
      }
      if (s.nextOpen != null) {
        s.nextOpen.prevOpen = s.prevOpen;
      }
      s.prevOpen = null;
      s.nextOpen = null;
      st.size--;
    }
  }

  /** The sessions in flight now, in no particular order. */
  List<SessionTree> snapshot() {
    List<SessionTree> out = new ArrayList<>();
    for (Stripe st : stripes) {
      synchronized (st) {
        for (SessionTree s = st.head; s != null; s = s.nextOpen) {
          out.add(s);
        }
      }
    }
    return out;
  }

  int size() {
    int n = 0;
    for (Stripe st : stripes) {
      synchronized (st) {
        n += st.size;
      }
    }
    return n;
  }

  boolean isEmpty() {
    return size() == 0;
  }
}
