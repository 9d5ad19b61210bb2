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
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
