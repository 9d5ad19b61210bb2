package ai.honeyhive.internal.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a map key, property or parameter name looks like it holds a secret.
 *
 * <p>The rule: split the name into words at {@code _ - . /}, spaces and camelCase humps; lower-case
 * it and drop the separators. The name is secret when the text up to the end of one of its words
 * ends with a term: {@code password}, {@code passwd}, {@code passphrase}, {@code secret},
 * {@code token}, {@code apikey}, {@code authorization}, {@code cookie}, {@code credential},
 * {@code privatekey} (plurals too, except {@code tokens}), or one of the configured extra names
 * (normalized the same way). So {@code api_key}, {@code X-Api-Key}, {@code apiKey},
 * {@code accessToken}, {@code db_password}, {@code Set-Cookie} and {@code clientSecret} are secret,
 * while {@code max_tokens}, {@code tokenizer} and {@code secretary} are not. A name whose last word
 * is a measure ({@code count}, {@code limit}, {@code usage}, {@code type}, {@code length},
 * {@code size}) is never secret, so {@code token_count} and {@code token_type} are kept.
 *
 * <p>Answers are cached per short name (up to a bound), since the same names recur on every call.
 * Not public API.
 */
final class SecretNames {
  static final List<String> DEFAULT_TERMS = List.of(
      "password", "passwords", "passwd", "passphrase", "secret", "secrets", "token",
      "apikey", "apikeys", "authorization", "cookie", "cookies", "credential", "credentials",
      "privatekey", "privatekeys");
  private static final Set<String> MEASURES = Set.of("count", "limit", "usage", "type", "length", "size");
  private static final int CACHE_LIMIT = 10_000;
  /** Longer names are decided each time: caching them could hold megabytes of map keys. */
  private static final int CACHED_NAME_LENGTH = 64;

  private final String[] terms;
  private final ConcurrentHashMap<String, Boolean> cache = new ConcurrentHashMap<>();

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
    if (name == null || name.isEmpty()) {
      return false;
    }
    Boolean known = cache.get(name);
    if (known != null) {
      return known;
    }
    boolean secret = decide(name);
    if (name.length() <= CACHED_NAME_LENGTH && cache.size() < CACHE_LIMIT) {
      cache.put(name, secret);
    }
    return secret;
  }

  private boolean decide(String name) {
    if (name.length() > 256) {
      name = name.substring(0, 256);
    }
    Words w = normalize(name);
    if (w.wordEnds.isEmpty() || MEASURES.contains(w.lastWord())) {
      return false;
    }
    for (int end : w.wordEnds) {
      for (String t : terms) {
        if (end >= t.length() && w.compact.regionMatches(end - t.length(), t, 0, t.length())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The name lower-cased without separators, and where each of its words ends in that text. */
  private record Words(String compact, List<Integer> wordEnds) {
    String lastWord() {
      int n = wordEnds.size();
      int start = n == 1 ? 0 : wordEnds.get(n - 2);
      return compact.substring(start, wordEnds.get(n - 1));
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
