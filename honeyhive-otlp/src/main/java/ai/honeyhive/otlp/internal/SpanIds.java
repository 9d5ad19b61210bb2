package ai.honeyhive.otlp.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * OTLP ids from HoneyHive ids. A session id (a UUID) is the trace id as it stands: its 32 hex
 * digits. An event id (a UUID) gives the span id of its first 16 hex digits, so that a span is
 * easy to match to its event by eye; the full id also travels as the {@code honeyhive_event_id}
 * attribute. Of a random (version 4) UUID those digits hold 60 random bits: two events of one
 * session share a span id with probability about n²/2⁶¹ (below one in 10⁹ for 10,000 events).
 * An id that is not a UUID is hashed (SHA-256, first bytes). Ids are never all zeros, which OTLP
 * reads as absent. Not public API.
 */
public final class SpanIds {
  private SpanIds() {}

  /** 16 bytes: the session's UUID, or a hash of a session id that is not one. */
  public static byte[] traceId(String sessionId) {
    UUID uuid = parse(sessionId);
    ByteBuffer b = ByteBuffer.allocate(16);
    if (uuid != null) {
      b.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    } else {
      b.put(sha256(sessionId), 0, 16);
    }
    return nonZero(b.array());
  }

  /** 8 bytes: the first half of the event's UUID, or a hash of an event id that is not one. */
  public static byte[] spanId(String eventId) {
    UUID uuid = parse(eventId);
    ByteBuffer b = ByteBuffer.allocate(8);
    if (uuid != null) {
      b.putLong(uuid.getMostSignificantBits());
    } else {
      b.put(sha256(eventId), 0, 8);
    }
    return nonZero(b.array());
  }

  /** Lower-case hex, as OTLP/JSON and trace UIs show ids. */
  public static String hex(byte[] id) {
    StringBuilder sb = new StringBuilder(id.length * 2);
    for (byte x : id) {
      sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
    }
    return sb.toString();
  }

  /** Only the canonical 36-character form: {@link UUID#fromString} also takes shorter ones. */
  private static UUID parse(String id) {
    if (id == null || id.length() != 36) {
      return null;
    }
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException notUuid) {
      return null;
    }
  }

  private static byte[] sha256(String id) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(String.valueOf(id).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static byte[] nonZero(byte[] id) {
    for (byte x : id) {
      if (x != 0) {
        return id;
      }
    }
    id[id.length - 1] = 1;
    return id;
  }
}
