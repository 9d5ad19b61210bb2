package ai.honeyhive.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * One condition of an {@link EventQuery}: {@code field} (dotted for nested values, e.g.
 * {@code metadata.cost} or {@code inputs.chat_history.0.content}) compared by {@code operator}
 * with {@code value}, as {@code type}. The API takes every value as a string.
 */
@JsonPropertyOrder({"field", "operator", "value", "type"})
public record EventFilter(
    @JsonProperty("field") String field,
    @JsonProperty("operator") FilterOperator operator,
    @JsonProperty("value") String value,
    @JsonProperty("type") FilterType type) {

  public EventFilter {
    if (field == null || field.isBlank()) {
      throw new InvalidQueryException("a filter needs a field, e.g. \"event_type\" or \"metadata.cost\"");
    }
    if (operator == null) {
      throw new InvalidQueryException("the filter on '" + field + "' needs an operator");
    }
    if (value == null) {
      throw new InvalidQueryException("the filter on '" + field + "' needs a value");
    }
    if (type == null) {
      throw new InvalidQueryException("the filter on '" + field + "' needs a type");
    }
    field = field.trim();
    if (type == FilterType.NUMBER) {
      try {
        new BigDecimal(value.trim());
      } catch (NumberFormatException e) {
        throw new InvalidQueryException("the filter on '" + field + "' has type number but its value '"
            + value + "' is not a number");
      }
    }
    if (type == FilterType.BOOLEAN && !value.equals("true") && !value.equals("false")) {
      throw new InvalidQueryException("the filter on '" + field + "' has type boolean but its value '"
          + value + "' is neither true nor false");
    }
  }

  /** Compares {@code field} with a string. */
  public static EventFilter of(String field, FilterOperator operator, String value) {
    return new EventFilter(field, operator, value, FilterType.STRING);
  }

  /** Compares {@code field} with a number. */
  public static EventFilter of(String field, FilterOperator operator, Number value) {
    if (value == null) {
      throw new InvalidQueryException("the filter on '" + field + "' needs a value");
    }
    String v;
    if (value instanceof Double || value instanceof Float) {
      double d = value.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new InvalidQueryException("the filter on '" + field + "' needs a finite number, but was " + value);
      }
      v = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString(); // 0.00005, not 5.0E-5
    } else {
      v = value instanceof BigDecimal b ? b.toPlainString() : value.toString();
    }
    return new EventFilter(field, operator, v, FilterType.NUMBER);
  }

  /** Compares {@code field} with a boolean. */
  public static EventFilter of(String field, FilterOperator operator, boolean value) {
    return new EventFilter(field, operator, Boolean.toString(value), FilterType.BOOLEAN);
  }

  /** Compares {@code field} with a HoneyHive object id. */
  public static EventFilter id(String field, FilterOperator operator, String id) {
    return new EventFilter(field, operator, id, FilterType.ID);
  }

  /**
   * A filter from the API's own spelling, e.g. {@code ("metadata.cost", "greater than", "0.01",
   * "number")}.
   *
   * @throws InvalidQueryException for an unknown operator or type, or a value that does not fit the type
   */
  static EventFilter parse(String field, String operator, String value, String type) {
    return new EventFilter(field, FilterOperator.fromWire(operator), value, FilterType.fromWire(type));
  }
}
