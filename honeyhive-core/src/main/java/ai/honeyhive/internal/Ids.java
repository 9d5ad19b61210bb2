package ai.honeyhive.internal;

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
   * The id's text. Formatting is most of an id's cost (a string and its bytes), so events and
   * sessions draw their ids when they start and format them when first asked, which for most
   * events is on the export worker, when the batch is assembled.
   */
  static String format(long msb, long lsb) {
    return new UUID(msb, lsb).toString();
  }
}
