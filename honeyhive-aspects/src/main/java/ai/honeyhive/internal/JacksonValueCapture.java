package ai.honeyhive.internal;

import ai.honeyhive.transport.internal.JsonMappers;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Captures immutable scalars as they are and anything else as a Jackson tree, which is a deep
 * copy. A value Jackson cannot write is recorded as a short placeholder. Not public API.
 */
public final class JacksonValueCapture implements ValueCapture {

  @Override
  public Object capture(Object value) {
    if (value == null || isImmutableScalar(value)) {
      return value;
    }
    try {
      return JsonMappers.mapper().valueToTree(value);
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      return "<unserializable " + value.getClass().getName() + ": " + e.getClass().getSimpleName() + ">";
    }
  }

  static boolean isImmutableScalar(Object v) {
    return v instanceof String || v instanceof Boolean || v instanceof Character
        || v instanceof Integer || v instanceof Long || v instanceof Double || v instanceof Float
        || v instanceof Short || v instanceof Byte || v instanceof BigDecimal
        || v instanceof BigInteger || v instanceof Enum<?>;
  }
}
