package ai.honeyhive.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs for event and session ids. {@link UUID#randomUUID()} draws from
 * SecureRandom, which is slow and can contend across threads; ids need uniqueness, not secrecy.
 * Not public API.
 */
public final class Ids {
  private Ids() {}

  public static String newId() {
    return format(msb(), lsb());
  }

  /** The high half of a new random id: version 4. */
  static long msb() {
    return (ThreadLocalRandom.current().nextLong() & ~0xF000L) | 0x4000L;
  }

  /** The low half of a new random id: the IETF variant. */
  static long lsb() {
    return (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
  }

  /**
   * The id's text. Drawing and formatting an id is a string, its bytes and two random numbers, so
   * events and sessions draw theirs when first asked for it, which for most is on the export
   * worker, when the batch is assembled (see {@link #settle}).
   */
  static String format(long msb, long lsb) {
    return new UUID(msb, lsb).toString();
  }

  /**
   * The id in {@code holder}'s field {@code id}, drawn now if it has none yet: the first thread
   * to ask sets it, and a thread that lost that race takes the one set.
   */
  static String settle(VarHandle id, Object holder) {
    String mine = newId();
    String theirs = (String) id.compareAndExchange(holder, (String) null, mine);
    return theirs == null ? mine : theirs;
  }

  /** A handle on {@code owner}'s {@code String} field {@code name}, for {@link #settle}. */
  static VarHandle idField(MethodHandles.Lookup owner, String name) {
    try {
      return owner.findVarHandle(owner.lookupClass(), name, String.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
