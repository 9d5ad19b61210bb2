package ai.honeyhive.internal.capture;

/**
 * A small table of strings recently given one verdict (clean, not secret, secret), checked by
 * identity first: keys, roles, model names and parameter names are the same String objects on
 * every call, and a String never changes, so a verdict on its text holds for as long as it lives.
 * An equal string made anew is answered by comparing the text. The caller picks the slot, so that
 * it can choose a slot cheaper than the hash. Not public API.
 *
 * <p>A string is stored into an empty slot, or into a taken one on one miss in
 * {@value #REPLACE_EVERY}: a string made anew on each call does not store into the table on each
 * call (a store of a new object into an old array costs the collector's write barrier), and yet a
 * slot taken by a value seen once (a user's text) is given back in time to the strings that recur,
 * and does not keep that value for good. Unsynchronized: a slot is one reference, so a racing
 * reader sees the old string or the new one, and a lost write only loses a verdict.
 */
final class RecentStrings {
  /** A taken slot is replaced on one miss in this many (a power of two). */
  static final int REPLACE_EVERY = 64;

  private final String[] slots;
  /** Strings offered since the table was made; racy, it only paces replacements. */
  private int offered;

  /** @param size a power of two */
  RecentStrings(int size) {
    this.slots = new String[size];
  }

  /** Whether {@code s}, or an equal string, is in {@code slot}. */
  boolean holds(String s, int slot) {
    String known = slots[slot];
    return known == s || s.equals(known);
  }

  /** Whether {@code s} itself (the same object) is in {@code slot}. */
  boolean holdsSame(String s, int slot) {
    return slots[slot] == s;
  }

  /** Offers {@code s} for {@code slot} after a miss: taken if the slot is empty, or on one offer in {@value #REPLACE_EVERY}. */
  void remember(String s, int slot) {
    if (slots[slot] == null || (++offered & (REPLACE_EVERY - 1)) == 0) {
      slots[slot] = s;
    }
  }
}
