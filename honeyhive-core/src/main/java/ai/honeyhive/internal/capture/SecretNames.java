package ai.honeyhive.internal.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a map key, property or parameter name looks like it holds a secret.
 *
 * <p>The name is split into words at {@code _ - . /}, spaces and camelCase humps, lower-cased, and
 * the separators dropped. A name whose last word is a measure ({@code count}, {@code limit},
 * {@code usage}, {@code type}, {@code length}, {@code size}) is never secret
 * ({@code token_count}, {@code pin_length}). Otherwise it is secret when one of these holds:
 *
 * <ul>
 *   <li>The text up to the end of one of its words ends with {@code password}, {@code passwd},
 *       {@code passphrase}, {@code secret}, {@code apikey}, {@code authorization}, {@code cookie},
 *       {@code credential}, {@code privatekey} (plurals too) or a configured extra name (normalized
 *       the same way): {@code db_password}, {@code X-Api-Key}, {@code Set-Cookie},
 *       {@code clientSecret}, {@code aws_secret_access_key}, {@code private_key_id}.
 *   <li>Whole consecutive words spell {@code accesskey}, {@code signingkey}, {@code encryptionkey},
 *       {@code masterkey}, {@code accountkey}, {@code subscriptionkey}, {@code authheader},
 *       {@code connectionstring}, {@code connstring}, {@code connstr}, {@code clientassertion},
 *       {@code codeverifier} or {@code sharedaccesssignature}: {@code access_key},
 *       {@code Ocp-Apim-Subscription-Key}, {@code connectionString}.
 *   <li>{@code token} ends a word and the word before it (or the start of its own word) is not a
 *       counter ({@code max}, {@code num}, {@code total}, {@code prompt}, {@code completion},
 *       {@code input}, {@code output}, ...): {@code access_token}, {@code X-Auth-Token},
 *       {@code csrftoken}, but not {@code max_token}.
 *   <li>{@code tokens} ends a word right after a kind of credential ({@code access}, {@code refresh},
 *       {@code id}, {@code auth}, {@code api}, {@code bearer}, {@code session}, {@code oauth},
 *       {@code csrf}, {@code security}, ...): {@code refresh_tokens}, but not {@code max_tokens},
 *       {@code prompt_tokens} or {@code tokens}, which in LLM code count or list tokens.
 *   <li>A short word that is a credential by itself ({@code pwd}, {@code pass}, {@code passcode},
 *       {@code pin}, {@code bearer}, {@code jwt}, {@code auth}, {@code creds}, {@code otp},
 *       {@code cvv}, {@code cvc}, {@code dsn}, and the cookies {@code sessionid},
 *       {@code jsessionid}, {@code phpsessid}) is the last word, or is followed only by
 *       {@code code}, {@code number}, {@code value}, {@code hash} or {@code header}: {@code pin},
 *       {@code user_pin}, {@code otp_code}, but not {@code auth_url}, {@code pass_rate} or
 *       {@code session_id}, an identifier everywhere in tracing code.
 * </ul>
 *
 * <p>Answers are cached per short name (up to a bound), since the same names recur on every call.
 * In front of that cache, a small table remembers the latest answers by the name's hash: a
 * parameter name, a property name or a map key written as a literal is the same String object on
 * every call, so one array read and one reference comparison answer it (else one comparison of
 * the text), where the hash lookup takes several dependent reads. Not public API.
 */
final class SecretNames {
  static final List<String> DEFAULT_TERMS = List.of(
      "password", "passwords", "passwd", "passphrase", "passphrases", "secret", "secrets",
      "apikey", "apikeys", "authorization", "cookie", "cookies", "credential", "credentials",
      "privatekey", "privatekeys");
  private static final List<String> WORD_START_TERMS = List.of(
      "accesskey", "signingkey", "encryptionkey", "masterkey", "accountkey", "subscriptionkey",
      "authheader", "connectionstring", "connectionstrings", "connstring", "connstr", "clientassertion", "codeverifier",
      "sharedaccesssignature");
  private static final Set<String> CREDENTIAL_WORDS = Set.of(
      "pwd", "pass", "passcode", "passcodes", "pin", "bearer", "jwt", "auth", "creds", "otp", "cvv",
      "cvc", "dsn", "sessionid", "jsessionid", "phpsessid");
  /** Words that may follow a credential word and still name it: {@code pin_code}, {@code auth_header}. */
  private static final Set<String> CARRIERS = Set.of("code", "number", "value", "hash", "header");
  private static final Set<String> COUNTERS = Set.of(
      "max", "min", "num", "total", "prompt", "completion", "input", "output", "reasoning", "cached",
      "remaining", "used", "context", "per");
  private static final Set<String> TOKEN_KINDS = Set.of(
      "access", "refresh", "id", "auth", "api", "bearer", "session", "oauth", "csrf", "xsrf",
      "security", "sas", "personal", "jwt", "secret");
  private static final Set<String> MEASURES = Set.of("count", "limit", "usage", "type", "length", "size");
  private static final int CACHE_LIMIT = 10_000;
  /** Longer names are decided each time: caching them could hold megabytes of map keys. */
  private static final int CACHED_NAME_LENGTH = 64;

  private final String[] terms;
  private final ConcurrentHashMap<String, Boolean> cache = new ConcurrentHashMap<>();
  /**
   * The latest names found not secret, and found secret, by the name's hash (see
   * {@link RecentStrings}). A name is only ever offered to the table of its own verdict, so a
   * reader racing a writer sees the old name or the new one, never a name with another's verdict.
   */
  private final RecentStrings notSecret = new RecentStrings(RECENT);
  private final RecentStrings secret = new RecentStrings(RECENT);
  private static final int RECENT = 512;

  SecretNames(List<String> extraNames) {
    List<String> all = new ArrayList<>(DEFAULT_TERMS);
    for (String n : extraNames) {
      String compact = normalize(n).compact;
      if (!compact.isEmpty() && !all.contains(compact)) {
        all.add(compact);
      }
    }
    this.terms = all.toArray(new String[0]);
  }

  boolean isSecret(String name) {
    if (name == null) {
      return false;
    }
    int slot = name.hashCode() & (RECENT - 1);
    if (notSecret.holdsSame(name, slot)) {
      return false;
    }
    if (secret.holdsSame(name, slot)) {
      return true;
    }
    // the same name as another String object: each woven method has its own parameter-name
    // objects, so a name several methods share would otherwise replace itself on every call
    if (notSecret.holds(name, slot)) {
      return false;
    }
    if (secret.holds(name, slot)) {
      return true;
    }
    return lookUp(name, slot);
  }

  private boolean lookUp(String name, int slot) {
    if (name.isEmpty()) {
      return false;
    }
    Boolean known = cache.get(name);
    boolean isSecret;
    if (known != null) {
      isSecret = known;
    } else {
      isSecret = decide(name);
      if (name.length() <= CACHED_NAME_LENGTH && cache.size() < CACHE_LIMIT) {
        cache.put(name, isSecret);
      }
    }
    if (name.length() <= CACHED_NAME_LENGTH) {
      (isSecret ? secret : notSecret).remember(name, slot);
    }
    return isSecret;
  }

  private boolean decide(String name) {
    if (name.length() > 256) {
      name = name.substring(0, 256);
    }
    Words w = normalize(name);
    int n = w.wordEnds.size();
    if (n == 0 || MEASURES.contains(w.word(n - 1))) {
      return false;
    }
    String c = w.compact;
    for (int k = 0; k < n; k++) {
      int start = w.start(k);
      int end = w.wordEnds.get(k);
      String word = c.substring(start, end);
      if (CREDENTIAL_WORDS.contains(word)
          && (k == n - 1 || (k == n - 2 && CARRIERS.contains(w.word(n - 1))))) {
        return true;
      }
      if (endsWith(c, end, "tokens", start) && TOKEN_KINDS.contains(w.before(k, end - 6))) {
        return true;
      }
      if (endsWith(c, end, "token", start) && !COUNTERS.contains(w.before(k, end - 5))) {
        return true;
      }
      for (String t : terms) {
        if (end >= t.length() && c.regionMatches(end - t.length(), t, 0, t.length())) {
          return true;
        }
      }
      for (String t : WORD_START_TERMS) {
        if (end >= t.length() && w.isWordStart(end - t.length())
            && c.regionMatches(end - t.length(), t, 0, t.length())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the word ending at {@code end} (starting at {@code wordStart}) ends with {@code t}. */
  private static boolean endsWith(String compact, int end, String t, int wordStart) {
    return end - wordStart >= t.length() && compact.regionMatches(end - t.length(), t, 0, t.length());
  }

  /** The name lower-cased without separators, and where each of its words ends in that text. */
  private record Words(String compact, List<Integer> wordEnds) {
    int start(int k) {
      return k == 0 ? 0 : wordEnds.get(k - 1);
    }

    String word(int k) {
      return compact.substring(start(k), wordEnds.get(k));
    }

    boolean isWordStart(int at) {
      return at == 0 || wordEnds.contains(at);
    }

    /**
     * What qualifies a term starting at {@code at} in word {@code k}: the start of that word when
     * the term starts inside it ({@code csrf} in {@code csrftoken}), else the word before, else "".
     */
    String before(int k, int at) {
      int start = start(k);
      if (at > start) {
        return compact.substring(start, at);
      }
      return k == 0 ? "" : word(k - 1);
    }
  }

  private static Words normalize(String name) {
    StringBuilder compact = new StringBuilder(name.length());
    List<Integer> ends = new ArrayList<>(4);
    int len = name.length();
    for (int i = 0; i < len; i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        endWord(compact, ends);
        continue;
      }
      if (i > 0 && Character.isUpperCase(c)) {
        char prev = name.charAt(i - 1);
        boolean nextLower = i + 1 < len && Character.isLowerCase(name.charAt(i + 1));
        // "apiKey" splits before K; "APIKey" splits before K too (an upper-case run ends before
        // the capital that starts the next word)
        if (Character.isLowerCase(prev) || Character.isDigit(prev)
            || (Character.isUpperCase(prev) && nextLower)) {
          endWord(compact, ends);
        }
      }
      compact.append(Character.toLowerCase(c));
    }
    endWord(compact, ends);
    return new Words(compact.toString(), ends);
  }

  private static void endWord(StringBuilder compact, List<Integer> ends) {
    int at = compact.length();
    if (at > 0 && (ends.isEmpty() || ends.get(ends.size() - 1) != at)) {
      ends.add(at);
    }
  }
}
