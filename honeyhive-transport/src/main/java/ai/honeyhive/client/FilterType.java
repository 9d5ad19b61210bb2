package ai.honeyhive.client;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The type an {@link EventFilter}'s value is compared as; the API's documented types. */
public enum FilterType {
  STRING("string"),
  NUMBER("number"),
  BOOLEAN("boolean"),
  /** A HoneyHive object id. */
  ID("id");

  private final String wireName;

  FilterType(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /**
   * The type the API spells {@code name} (case and surrounding blanks ignored).
   *
   * @throws InvalidQueryException naming the types there are
   */
  static FilterType fromWire(String name) {
    if (name != null) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      for (FilterType t : values()) {
        if (t.wireName.equals(n)) {
          return t;
        }
      }
    }
    throw new InvalidQueryException("unknown filter type '" + name
        + "'; use one of: string, number, boolean, id");
  }
}
