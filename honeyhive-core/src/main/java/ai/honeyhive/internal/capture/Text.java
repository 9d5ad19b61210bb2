package ai.honeyhive.internal.capture;

/**
 * String helpers for what goes into JSON: cutting without splitting a surrogate pair, and
 * replacing lone surrogates, which Jackson writes as {@code \uD800}-style escapes that strict
 * JSON parsers reject as invalid Unicode. Not public API.
 */
final class Text {
  private Text() {}

  /** The length to cut {@code s} at so that at most {@code limit} characters remain, whole. */
  static int cutPoint(CharSequence s, int limit) {
    if (limit > 0 && limit < s.length() && Character.isHighSurrogate(s.charAt(limit - 1))
        && Character.isLowSurrogate(s.charAt(limit))) {
      return limit - 1;
    }
    return limit;
  }

  /** {@code s} with every unpaired surrogate replaced by U+FFFD; {@code s} itself if it has none. */
  static String wellFormed(String s) {
    int len = s.length();
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return repair(s, i);
      }
    }
    return s;
  }

  private static String repair(String s, int from) {
    StringBuilder b = new StringBuilder(s.length());
    b.append(s, 0, from);
    int len = s.length();
    for (int i = from; i < len; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        b.append('\uFFFD');
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
