package ai.honeyhive.client;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How an {@link EventFilter} compares a field with its value; the API's documented operators. */
public enum FilterOperator {
  IS("is"),
  IS_NOT("is not"),
  CONTAINS("contains"),
  NOT_CONTAINS("not contains"),
  GREATER_THAN("greater than");

  private final String wireName;

  FilterOperator(String wireName) {
    this.wireName = wireName;
  }

  /** The operator as the API spells it, e.g. {@code "not contains"}. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /**
   * The operator the API spells {@code name} (case and surrounding blanks ignored).
   *
   * @throws InvalidQueryException naming the operators there are
   */
  static FilterOperator fromWire(String name) {
    if (name != null) {
      String n = name.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
      for (FilterOperator op : values()) {
        if (op.wireName.equals(n)) {
          return op;
        }
      }
    }
    throw new InvalidQueryException("unknown filter operator '" + name
        + "'; use one of: is, is not, contains, not contains, greater than");
  }
}
