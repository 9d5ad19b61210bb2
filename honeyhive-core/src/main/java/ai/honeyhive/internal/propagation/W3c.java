package ai.honeyhive.internal.propagation;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The W3C Trace Context ({@code traceparent}, {@code tracestate}) and Baggage header grammars:
 * strict parsing of what comes in, and the encoding of what goes out. Pure functions, no state.
 * Not public API.
 */
public final class W3c {
  public static final String TRACEPARENT = "traceparent";
  public static final String TRACESTATE = "tracestate";
  public static final String BAGGAGE = "baggage";

  /** The spec's minimum a receiver must take (8,192 bytes); more is refused whole. */
  public static final int MAX_BAGGAGE_CHARS = 8_192;
  /** The spec's minimum list size a receiver must take; more is refused whole. */
  public static final int MAX_BAGGAGE_ENTRIES = 64;
  /** An entry longer than this is refused: our longest value (a project name) needs far less. */
  public static final int MAX_BAGGAGE_ENTRY_CHARS = 1_024;
  /** The spec's minimum a receiver must pass on (512 characters); a longer tracestate is dropped. */
  public static final int MAX_TRACESTATE_CHARS = 512;
  /** A traceparent of a later version may be longer than 55 characters, but not this long. */
  static final int MAX_TRACEPARENT_CHARS = 256;

  private W3c() {}

  /** A parsed {@code traceparent}: 32 and 16 lowercase hex digits, and the sampled flag. */
  public record Traceparent(String traceId, String spanId, boolean sampled) {}

  /**
   * Parses a {@code traceparent}; null if it is not one. Version {@code 00} must be exactly
   * {@code 00-<32 hex>-<16 hex>-<2 hex>}; a later version may carry more after a {@code -}
   * (the spec's forward compatibility); {@code ff} and all-zero ids are invalid. Upper-case hex
   * is invalid, as the spec says.
   */
  public static Traceparent parseTraceparent(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    if (v.length() < 55 || v.length() > MAX_TRACEPARENT_CHARS) {
      return null;
    }
    String version = v.substring(0, 2);
    if (!isLowerHex(version, 0, 2) || version.equals("ff")) {
      return null;
    }
    if (version.equals("00") ? v.length() != 55 : v.length() > 55 && v.charAt(55) != '-') {
      return null;
    }
    if (v.charAt(2) != '-' || v.charAt(35) != '-' || v.charAt(52) != '-') {
      return null;
    }
    if (!isLowerHex(v, 3, 35) || !isLowerHex(v, 36, 52) || !isLowerHex(v, 53, 55)) {
      return null;
    }
    String traceId = v.substring(3, 35);
    String spanId = v.substring(36, 52);
    if (allZero(traceId) || allZero(spanId)) {
      return null;
    }
    int flags = Integer.parseInt(v, 53, 55, 16);
    return new Traceparent(traceId, spanId, (flags & 1) != 0);
  }

  public static String traceparent(String traceId, String spanId, boolean sampled) {
    return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
  }

  /**
   * A {@code tracestate} we can pass on unchanged: at most {@value #MAX_TRACESTATE_CHARS}
   * printable ASCII characters (the spec's member grammar is narrower still; we only carry it).
   */
  public static boolean isPassableTraceState(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_TRACESTATE_CHARS) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code s} is a UUID in its canonical 8-4-4-4-12 hex form (either case). */
  public static boolean isUuid(String s) {
    if (s == null || s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : Character.digit(c, 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The 32 hex digits of a UUID, lowercase: a session id as a W3C trace id. */
  public static String uuidHex(String uuid) {
    return uuid.replace("-", "").toLowerCase(java.util.Locale.ROOT);
  }

  /** The last 16 hex digits of a UUID (its random low half, never zero for a v4 id): an event id as a W3C span id. */
  public static String uuidLowHex(String uuid) {
    return uuidHex(uuid).substring(16);
  }

  private static boolean isLowerHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean allZero(String hex) {
    for (int i = 0; i < hex.length(); i++) {
      if (hex.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }

  /**
   * A baggage value as the spec's {@code baggage-octet}s: everything else (space, {@code " , ; \ %},
   * controls, non-ASCII) percent-encoded from UTF-8, so a value can never end its entry or add one.
   */
  public static String encodeBaggageValue(String value) {
    StringBuilder out = null;
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      boolean plain = b == 0x21 || (b >= 0x23 && b <= 0x2b) || (b >= 0x2d && b <= 0x3a)
          || (b >= 0x3c && b <= 0x5b) || (b >= 0x5d && b <= 0x7e);
      if (plain && out == null) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(value.length() + 16);
        out.append(new String(bytes, 0, i, StandardCharsets.US_ASCII));
      }
      if (plain) {
        out.append((char) b);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return out == null ? value : out.toString();
  }

  /** A percent-encoded baggage value decoded as UTF-8; null if it is malformed (a bad escape, invalid UTF-8). */
  public static String decodeBaggageValue(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%') {
        if (i + 2 >= value.length()) {
          return null;
        }
        int hi = Character.digit(value.charAt(i + 1), 16);
        int lo = Character.digit(value.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c > 0x7e) {
        return null;   // the spec's values are ASCII; anything else is not ours to guess at
      } else {
        bytes.write(c);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
