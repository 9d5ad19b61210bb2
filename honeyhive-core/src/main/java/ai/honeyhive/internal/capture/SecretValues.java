package ai.honeyhive.internal.capture;

import ai.honeyhive.internal.ValueCapture;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets of high-confidence shapes inside captured text, keeping the text around them: a
 * key pasted into a prompt, a password in a connection string. Only the secret itself becomes
 * {@code [redacted]}; the label, scheme, user name and quotes stay.
 *
 * <p>The shapes: OpenAI-style keys ({@code sk-...}, {@code sk-proj-...}); AWS access key ids
 * ({@code AKIA...}, {@code ASIA...}); Google API keys ({@code AIza...}); JWTs (three base64url
 * parts, the first starting {@code eyJ}); {@code Bearer} tokens and {@code Basic} credentials;
 * PEM private key blocks; the password in a URL's user info ({@code postgres://user:pw@host});
 * and the value after a secret label, {@code =}, {@code :} or as JSON
 * ({@code password=...;}, {@code Authorization: Bearer ...}, {@code "api_key": "..."},
 * {@code aws_secret_access_key = ...}).
 *
 * <p>It runs on the caller's thread for short strings and cut ones, and on the export worker for
 * long strings kept whole ({@link LaterScan}); either way it is cheap when there is nothing to mask: the text is
 * searched ({@link String#indexOf(int, int)}, which the JVM vectorises) only for the few characters
 * every shape has in a known place ({@code -}, {@code A}, {@code J}, {@code B}/{@code b}, {@code :},
 * {@code =}, {@code @}), and their neighbours checked; only where those match is a regular
 * expression tried, anchored there, so its cost is that of the candidate, never of the whole text.
 * The text is copied only when something is masked. Not public API.
 */
final class SecretValues {
  static final String MASK = ValueCapture.REDACTED;
  /** Nothing shorter holds a shape worth looking for ({@code pwd=abc} is seven characters). */
  static final int MIN_LENGTH = 7;
  /** How far past a cut a secret may reach and still be recognised before it is cut. */
  static final int LOOKAHEAD = 256;
  /** How far before an {@code @} the {@code ://} of a URL with user info is looked for. */
  private static final int MAX_USER_INFO = 256;

  /** Labels (lower case, without separators) whose value after {@code =} or {@code :} is secret. */
  private static final String[] LABELS = {
      "password", "passwd", "pwd", "passphrase", "secret", "apikey", "accesstoken", "refreshtoken",
      "authtoken", "idtoken", "sessiontoken", "privatekey", "secretkey", "accountkey",
      "accesskey", "authorization"};
  /** The last letters of the labels: most text before a colon is rejected on this alone. */
  private static final String LABEL_ENDINGS = "detny";

  private static final Pattern OPENAI_KEY =
      Pattern.compile("(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-|ant-)?[A-Za-z0-9_-]{20,}");
  private static final Pattern AWS_ACCESS_KEY_ID =
      Pattern.compile("(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])");
  private static final Pattern GOOGLE_API_KEY = Pattern.compile("(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}");
  private static final Pattern JWT_TOKEN =
      Pattern.compile("(?<![A-Za-z0-9_.-])eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
  /** Group 1 is the key material, up to the END line or, in a cut text, the end. */
  private static final Pattern PEM_PRIVATE_KEY = Pattern.compile(
      "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----([\\s\\S]*?)(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|\\z)");
  /**
   * From the end of a label: its quote, {@code =} or {@code :}, an optional auth scheme, then the
   * value: double-quoted (group 1), single-quoted (group 2), or a run up to a delimiter of
   * connection strings, query strings and JSON (group 3). Not a comparison ({@code ==}), and not
   * an object, list or call ({@code "password": {"type": "string"}} in a JSON schema is a
   * description, not a password).
   */
  private static final Pattern LABELLED_VALUE = Pattern.compile(
      "[\"']?\\s*[:=](?!=)\\s*(?:(?i:bearer|basic|token|digest|apikey)\\s+)?(?![{\\[(]|[A-Za-z_][\\w.]*\\()"
      + "(?:\"((?:[^\"\\\\\\r\\n]|\\\\.)*)\"|'([^'\\r\\n]*)'|([^\\s\"',;&(){}\\[\\]]+))");

  private SecretValues() {}

  /** The characters every shape has in a known place: the scan stops only at these. */
  private static final char[] ANCHORS = {'-', 'A', 'J', 'B', 'b', ':', '=', '@'};

  /** Up to this length one loop over the characters beats a search per anchor. */
  private static final int SHORT = 96;
  /** The anchors as bits from {@code '-'}, the lowest: one shift and test per character. */
  private static final char LOWEST_ANCHOR = '-';
  private static final long ANCHOR_BITS = anchorBits();

  private static long anchorBits() {
    long bits = 0;
    for (char c : ANCHORS) {
      bits |= 1L << (c - LOWEST_ANCHOR);
    }
    return bits;
  }

  /** {@code s} with every secret of a known shape masked; {@code s} itself when it has none. */
  static String mask(String s) {
    int n = s.length();
    if (n < MIN_LENGTH) {
      return s;
    }
    Found found = null;
    if (n <= SHORT) {
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        int bit = c - LOWEST_ANCHOR;
        if (bit >= 0 && bit < 64 && (ANCHOR_BITS & (1L << bit)) != 0) {
          found = Found.add(found, at(s, c, i));
        }
      }
    } else {
      // one vectorised String.indexOf pass per anchor: far cheaper than looking at every character
      for (char anchor : ANCHORS) {
        for (int i = s.indexOf(anchor); i >= 0; i = s.indexOf(anchor, i + 1)) {
          long secret = at(s, anchor, i);
          found = Found.add(found, secret);
          if (secret != NONE && end(secret) > i + 1) {
            // the same anchor inside a secret starts nothing new (a PEM block's dashes, an
            // unterminated block's rest): so each character is matched against at most once
            i = end(secret) - 1;
          }
        }
      }
    }
    return found == null ? s : masked(s, found.spans, found.count);
  }

  /** The spans of the secrets found, made on the first. */
  private static final class Found {
    long[] spans = new long[4];
    int count;

    static Found add(Found f, long span) {
      if (span == NONE) {
        return f;
      }
      Found to = f == null ? new Found() : f;
      if (to.count == to.spans.length) {
        to.spans = java.util.Arrays.copyOf(to.spans, to.count * 2);
      }
      to.spans[to.count++] = span;
      return to;
    }
  }

  /** The secret whose shape has {@code anchor} at {@code i}, or {@link #NONE}. */
  private static long at(String s, char anchor, int i) {
    switch (anchor) {
      case '-':
        if (i >= 2 && s.charAt(i - 1) == 'k' && s.charAt(i - 2) == 's') {
          return whole(OPENAI_KEY, s, i - 2);
        }
        return s.startsWith("----BEGIN", i + 1) ? group(PEM_PRIVATE_KEY, s, i, 1) : NONE;
      case 'A':
        if (s.startsWith("KIA", i + 1) || s.startsWith("SIA", i + 1)) {
          return whole(AWS_ACCESS_KEY_ID, s, i);
        }
        return s.startsWith("Iza", i + 1) ? whole(GOOGLE_API_KEY, s, i) : NONE;
      case 'J':
        return i >= 2 && s.charAt(i - 1) == 'y' && s.charAt(i - 2) == 'e' ? whole(JWT_TOKEN, s, i - 2) : NONE;
      case 'B':
      case 'b':
        if (i > 0 && Character.isLetterOrDigit(s.charAt(i - 1))) {
          return NONE;
        }
        if (s.regionMatches(true, i + 1, "earer", 0, 5)) {
          long t = credentialAfter(s, i + 6, 16, true);
          return t != NONE && looksLikeToken(s, start(t), end(t)) ? t : NONE;
        }
        if (s.regionMatches(true, i + 1, "asic", 0, 4)) {
          long t = credentialAfter(s, i + 5, 8, false);
          return t != NONE && isEncodedCredential(s.substring(start(t), end(t))) ? t : NONE;
        }
        return NONE;
      case ':':
        return s.startsWith("//", i + 1) ? NONE : labelled(s, i);
      case '=':
        return labelled(s, i);
      case '@':
        return urlPassword(s, i);
      default:
        return NONE;
    }
  }

  /** {@code s} with the spans found masked; overlapping spans are masked as one. */
  private static String masked(String s, long[] found, int count) {
    java.util.Arrays.sort(found, 0, count); // by start: the start is in the high bits
    StringBuilder out = new StringBuilder(s.length());
    int copied = 0;
    int k = 0;
    while (k < count) {
      int start = start(found[k]);
      int end = end(found[k]);
      for (k++; k < count && start(found[k]) < end; k++) {
        end = Math.max(end, end(found[k]));
      }
      out.append(s, copied, start).append(MASK);
      copied = end;
    }
    return out.append(s, copied, s.length()).toString();
  }

  // ---- a found secret is its [start, end) packed in a long, so finding one allocates no object

  private static final long NONE = -1;

  private static long span(int start, int end) {
    return ((long) start << 32) | end;
  }

  private static int start(long span) {
    return (int) (span >>> 32);
  }

  private static int end(long span) {
    return (int) span;
  }

  /** The whole match of {@code p} at {@code from}, or {@link #NONE}. */
  private static long whole(Pattern p, String s, int from) {
    Matcher m = at(p, s, from);
    return m == null ? NONE : span(m.start(), m.end());
  }

  /** Group {@code g} of the match of {@code p} at {@code from}, or {@link #NONE}. */
  private static long group(Pattern p, String s, int from, int g) {
    Matcher m = at(p, s, from);
    return m == null || m.start(g) < 0 ? NONE : span(m.start(g), m.end(g));
  }

  /** A match of {@code p} starting exactly at {@code from}; look-behinds see the text before. */
  private static Matcher at(Pattern p, String s, int from) {
    Matcher m = p.matcher(s);
    m.region(from, s.length()).useTransparentBounds(true).useAnchoringBounds(false);
    return m.lookingAt() ? m : null;
  }

  /** The value after a secret label that ends before the {@code :} or {@code =} at {@code at}. */
  private static long labelled(String s, int at) {
    int labelEnd = labelEnd(s, at);
    if (labelEnd < 0) {
      return NONE;
    }
    Matcher m = at(LABELLED_VALUE, s, labelEnd);
    if (m == null) {
      return NONE;
    }
    for (int g = 1; g <= 3; g++) {
      if (m.start(g) >= 0) {
        int start = m.start(g);
        int end = m.end(g);
        boolean masked = s.startsWith(MASK, start) && end - start == MASK.length();
        return start == end || masked ? NONE : span(start, end);
      }
    }
    return NONE;
  }

  /**
   * Where a secret label ends, when one ends just before {@code at} (past at most two quotes or
   * spaces), else -1.
   */
  private static int labelEnd(String s, int at) {
    int end = at;
    for (int skipped = 0; skipped < 2 && end > 0; skipped++) {
      char c = s.charAt(end - 1);
      if (c != '"' && c != '\'' && c != ' ') {
        break;
      }
      end--;
    }
    if (end == 0 || LABEL_ENDINGS.indexOf(Character.toLowerCase(s.charAt(end - 1))) < 0) {
      return -1;
    }
    for (String label : LABELS) {
      if (endsWithIgnoringSeparators(s, end, label)) {
        return end;
      }
    }
    return -1;
  }

  /** Whether {@code s} before {@code end} spells {@code label}, ignoring case and {@code _ - .}. */
  private static boolean endsWithIgnoringSeparators(String s, int end, String label) {
    int i = end - 1;
    for (int j = label.length() - 1; j >= 0; j--) {
      while (i >= 0 && j < label.length() - 1 && isSeparator(s.charAt(i))) {
        i--;
      }
      if (i < 0 || Character.toLowerCase(s.charAt(i)) != label.charAt(j)) {
        return false;
      }
      i--;
    }
    return true;
  }

  private static boolean isSeparator(char c) {
    return c == '_' || c == '-' || c == '.';
  }

  /**
   * The password of a URL's user info ({@code scheme://user:password@host}) ending at the
   * {@code @} at {@code at}: the {@code ://} is looked for a little way back, with nothing
   * between it and the {@code @} that cannot be in user info.
   */
  private static long urlPassword(String s, int at) {
    int colon = -1;
    for (int j = at - 1; j >= 2 && j >= at - MAX_USER_INFO; j--) {
      char c = s.charAt(j);
      if (c == '/' && s.charAt(j - 1) == '/' && s.charAt(j - 2) == ':') {
        return colon < 0 || colon + 1 == at ? NONE : span(colon + 1, at);
      }
      if (Character.isWhitespace(c) || c == '/' || c == '?' || c == '#' || c == '@' || c == '"' || c == '\'') {
        return NONE;
      }
      if (c == ':') {
        colon = j; // the first colon of the user info: a password may hold more
      }
    }
    return NONE;
  }

  /**
   * The token after an auth scheme word ending at {@code from}: white space, then at least
   * {@code min} token characters (base64url and {@code . ~ + /} for a bearer token, base64 for
   * basic credentials), then optional {@code =} padding; {@link #NONE} when there is none.
   */
  private static long credentialAfter(String s, int from, int min, boolean bearer) {
    int n = s.length();
    int i = from;
    while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    if (i == from) {
      return NONE;
    }
    int start = i;
    while (i < n && isTokenChar(s.charAt(i), bearer)) {
      i++;
    }
    if (i - start < min) {
      return NONE;
    }
    while (i < n && s.charAt(i) == '=') {
      i++;
    }
    if (!bearer && i < n && Character.isLetterOrDigit(s.charAt(i))) {
      return NONE;
    }
    return span(start, i);
  }

  private static boolean isTokenChar(char c, boolean bearer) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/') {
      return true;
    }
    return bearer && (c == '-' || c == '_' || c == '.' || c == '~');
  }

  /** A bearer token has letters and digits; "bearer tokens are described in RFC 6750" has no token. */
  private static boolean looksLikeToken(String s, int start, int end) {
    boolean digit = false;
    boolean letter = false;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      digit |= c >= '0' && c <= '9';
      letter |= Character.isLetter(c);
    }
    return digit && letter;
  }

  /** {@code Basic} credentials are base64 of {@code user:password}; "basic questions" are not. */
  private static boolean isEncodedCredential(String b64) {
    if (b64.length() % 4 != 0) {
      return false;
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      return false;
    }
    String text = new String(decoded, StandardCharsets.UTF_8);
    if (text.indexOf(':') < 0) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\uFFFD') {
        return false;
      }
    }
    return true;
  }
}
