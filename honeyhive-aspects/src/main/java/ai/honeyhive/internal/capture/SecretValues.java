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
 * <p>It runs on the caller's thread, so it is cheap when there is nothing to mask: one pass over
 * the characters looks for the few that start a shape ({@code -}, {@code A}, {@code J},
 * {@code B}/{@code b}, {@code :}, {@code =}, {@code @}) and checks their neighbours; only the
 * shapes so found run their regular expression. Not public API.
 */
final class SecretValues {
  static final String MASK = ValueCapture.REDACTED;
  /** Nothing shorter holds a shape worth looking for ({@code pwd=abc} is seven characters). */
  static final int MIN_LENGTH = 7;
  /** How far past a cut a secret may reach and still be recognised before it is cut. */
  static final int LOOKAHEAD = 256;

  private static final int OPENAI = 1;
  private static final int AWS_KEY_ID = 1 << 1;
  private static final int GOOGLE = 1 << 2;
  private static final int JWT = 1 << 3;
  private static final int PEM = 1 << 4;
  private static final int URL_PASSWORD = 1 << 5;
  private static final int LABELLED = 1 << 6;
  private static final int BEARER = 1 << 7;
  private static final int BASIC = 1 << 8;

  /** Labels (lower case, without separators) whose value after {@code =} or {@code :} is secret. */
  private static final String[] LABELS = {
      "password", "passwd", "pwd", "passphrase", "secret", "apikey", "accesstoken", "refreshtoken",
      "authtoken", "idtoken", "sessiontoken", "privatekey", "secretkey", "accountkey",
      "accesskey", "authorization"};

  private static final Pattern OPENAI_KEY =
      Pattern.compile("(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-|ant-)?[A-Za-z0-9_-]{20,}");
  private static final Pattern AWS_ACCESS_KEY_ID =
      Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])");
  private static final Pattern GOOGLE_API_KEY = Pattern.compile("AIza[0-9A-Za-z_-]{35}");
  private static final Pattern JWT_TOKEN =
      Pattern.compile("(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
  private static final Pattern PEM_PRIVATE_KEY = Pattern.compile(
      "(-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----)[\\s\\S]*?(-----END ([A-Z0-9]+ )*PRIVATE KEY-----|\\z)");
  private static final Pattern URL_USER_INFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^\\s:/?#@\"']*):([^\\s/?#@\"']+)@");
  /**
   * A label, its quote, {@code =} or {@code :}, an optional auth scheme, then the value: quoted
   * (JSON or code) or a run of characters up to a delimiter of connection strings, query strings
   * and JSON. Longer alternatives first.
   */
  private static final Pattern LABELLED_VALUE = Pattern.compile("(?i)"
      + "((?:secret[_-]?access[_-]?key|client[_-]?secret|secret[_-]?key|pass(?:word|wd|phrase)|pwd|secret"
      + "|api[_-]?key|(?:access|refresh|auth|id|session)[_-]?token|private[_-]?key|account[_-]?key"
      + "|access[_-]?key|authorization)"
      + "[\"']?\\s*[:=]\\s*(?:(?:bearer|basic|token|digest|apikey)\\s+)?)"
      + "(\"(?:[^\"\\\\\\r\\n]|\\\\.)*\"|'[^'\\r\\n]*'|[^\\s\"',;&}\\]]+)");
  private static final Pattern BEARER_TOKEN =
      Pattern.compile("(?i)(?<![A-Za-z0-9])(bearer\\s+)([A-Za-z0-9._~+/-]{16,}=*)");
  private static final Pattern BASIC_CREDENTIALS =
      Pattern.compile("(?i)(?<![A-Za-z0-9])(basic\\s+)([A-Za-z0-9+/]{6,}={0,2})(?![A-Za-z0-9+/=])");

  private SecretValues() {}

  /** {@code s} with every secret of a known shape masked; {@code s} itself when it has none. */
  static String mask(String s) {
    int shapes = candidates(s);
    return shapes == 0 ? s : apply(s, shapes);
  }

  /** The shapes {@code s} may hold, as bits; 0 (the common case) means none. */
  static int candidates(String s) {
    int n = s.length();
    if (n < MIN_LENGTH) {
      return 0;
    }
    int shapes = 0;
    boolean scheme = false;
    for (int i = 0; i < n; i++) {
      switch (s.charAt(i)) {
        case '-':
          if (i >= 2 && s.charAt(i - 1) == 'k' && s.charAt(i - 2) == 's') {
            shapes |= OPENAI;
          } else if (s.startsWith("----BEGIN", i + 1)) {
            shapes |= PEM;
          }
          break;
        case 'A':
          if (s.startsWith("KIA", i + 1) || s.startsWith("SIA", i + 1)) {
            shapes |= AWS_KEY_ID;
          } else if (s.startsWith("Iza", i + 1)) {
            shapes |= GOOGLE;
          }
          break;
        case 'J':
          if (i >= 2 && s.charAt(i - 1) == 'y' && s.charAt(i - 2) == 'e') {
            shapes |= JWT;
          }
          break;
        case 'B':
        case 'b':
          if (s.regionMatches(true, i + 1, "earer", 0, 5)) {
            shapes |= BEARER;
          } else if (s.regionMatches(true, i + 1, "asic", 0, 4)) {
            shapes |= BASIC;
          }
          break;
        case ':':
          if (s.startsWith("//", i + 1)) {
            scheme = true;
          } else if (labelBefore(s, i)) {
            shapes |= LABELLED;
          }
          break;
        case '=':
          if (labelBefore(s, i)) {
            shapes |= LABELLED;
          }
          break;
        case '@':
          if (scheme) {
            shapes |= URL_PASSWORD;
          }
          break;
        default:
          break;
      }
    }
    return shapes;
  }

  /** Whether a secret label ends just before {@code at}, past at most two quotes or spaces. */
  private static boolean labelBefore(String s, int at) {
    int end = at;
    for (int skipped = 0; skipped < 2 && end > 0; skipped++) {
      char c = s.charAt(end - 1);
      if (c != '"' && c != '\'' && c != ' ') {
        break;
      }
      end--;
    }
    if (end == 0 || !Character.isLetter(s.charAt(end - 1))) {
      return false;
    }
    for (String label : LABELS) {
      if (endsWithIgnoringSeparators(s, end, label)) {
        return true;
      }
    }
    return false;
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

  private static String apply(String text, int shapes) {
    String s = text;
    if ((shapes & PEM) != 0) {
      s = PEM_PRIVATE_KEY.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
          m.group(1) + MASK + (m.group(3).isEmpty() ? "" : m.group(3))));
    }
    if ((shapes & LABELLED) != 0) {
      s = LABELLED_VALUE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + maskedValue(m.group(2))));
    }
    if ((shapes & URL_PASSWORD) != 0) {
      s = URL_USER_INFO.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
    }
    if ((shapes & OPENAI) != 0) {
      s = OPENAI_KEY.matcher(s).replaceAll(MASK_REPLACEMENT);
    }
    if ((shapes & AWS_KEY_ID) != 0) {
      s = AWS_ACCESS_KEY_ID.matcher(s).replaceAll(MASK_REPLACEMENT);
    }
    if ((shapes & GOOGLE) != 0) {
      s = GOOGLE_API_KEY.matcher(s).replaceAll(MASK_REPLACEMENT);
    }
    if ((shapes & JWT) != 0) {
      s = JWT_TOKEN.matcher(s).replaceAll(MASK_REPLACEMENT);
    }
    if ((shapes & BEARER) != 0) {
      s = BEARER_TOKEN.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
          looksLikeToken(m.group(2)) ? m.group(1) + MASK : m.group()));
    }
    if ((shapes & BASIC) != 0) {
      s = BASIC_CREDENTIALS.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
          isEncodedCredential(m.group(2)) ? m.group(1) + MASK : m.group()));
    }
    return s.equals(text) ? text : s;
  }

  private static final String MASK_REPLACEMENT = Matcher.quoteReplacement(MASK);

  /** A value after a label, masked inside its quotes; an empty or already masked one as it is. */
  private static String maskedValue(String value) {
    if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
      String inner = value.substring(1, value.length() - 1);
      return inner.isEmpty() || inner.equals(MASK) ? value : value.charAt(0) + MASK + value.charAt(0);
    }
    return value.startsWith(MASK) ? value : MASK;
  }

  /** A bearer token has letters and digits; "bearer tokens are described in RFC 6750" has no token. */
  private static boolean looksLikeToken(String t) {
    boolean digit = false;
    boolean letter = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
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
    int colon = text.indexOf(':');
    if (colon < 0) {
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
