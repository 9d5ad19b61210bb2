package ai.honeyhive.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The sessions in flight, for shutdown to wait for and cut, and for the sweep of sessions past
 * their age: a set kept in lists threaded through the sessions themselves, split in stripes by bits of
 * the session's start time, each under its own lock. Adding or removing a session is one
 * uncontended lock and a few field writes, with nothing allocated and no hash computed, which
 * matters because every traced session is added when it starts and removed when it completes,
 * on the caller's thread. Not public API.
 *
 * <p>A stripe's lock is a flag taken with one atomic instruction and let go with a plain
 * (releasing) write, not a monitor, which takes two atomic instructions (enter and exit): what it
 * guards is a few field writes, never a call out, so a thread that finds it taken spins briefly
 * and then yields rather than parks. On the single traced call this is about a tenth of its cost
 * on the caller's thread (the lock is taken twice per session).
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
    private static final VarHandle LOCKED;

    static {
      try {
        LOCKED = MethodHandles.lookup().findVarHandle(Stripe.class, "locked", boolean.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    /** Taken by {@link #lock()}; guards the fields below and the sessions' links. */
    private volatile boolean locked;
    SessionTree head;
    int size;

    void lock() {
      if (!LOCKED.compareAndSet(this, false, true)) {
        lockContended();
      }
    }

    private void lockContended() {
      int spins = 0;
      while (locked || !LOCKED.compareAndSet(this, false, true)) {
        if (++spins < 64) {
          Thread.onSpinWait();
        } else {
          Thread.yield();   // the holder may have been descheduled inside its few writes
        }
      }
    }

    /** Lets go: a releasing write orders the guarded writes before the next holder's reads. */
    void unlock() {
      LOCKED.setRelease(this, false);
    }
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
    st.lock();
    try {
      if (s.registrations++ == 0) {
        s.prevOpen = null;
        s.nextOpen = st.head;
        if (st.head != null) {
          st.head.prevOpen = s;
        }
        st.head = s;
        st.size++;
      }
    } finally {
      st.unlock();
    }
  }

  void remove(SessionTree s) {
    Stripe st = stripeOf(s);
    st.lock();
    try {
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
    } finally {
      st.unlock();
    }
  }

  /** The sessions in flight now, in no particular order. */
  List<SessionTree> snapshot() {
    List<SessionTree> out = new ArrayList<>();
    for (Stripe st : stripes) {
      st.lock();   // held while the list grows: this runs at shutdown and in the sweep, rarely
      try {
        for (SessionTree s = st.head; s != null; s = s.nextOpen) {
          out.add(s);
        }
      } finally {
        st.unlock();
      }
    }
    return out;
  }

  int size() {
    int n = 0;
    for (Stripe st : stripes) {
      st.lock();
      try {
        n += st.size;
      } finally {
        st.unlock();
      }
    }
    return n;
  }

  boolean isEmpty() {
    return size() == 0;
  }
}
