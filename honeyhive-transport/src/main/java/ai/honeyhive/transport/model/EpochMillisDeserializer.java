package ai.honeyhive.transport.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Reads a timestamp as epoch milliseconds, whatever shape the API used: a number, a numeric
 * string, {@code "2024-04-01 22:38:19"} (UTC, as the export and session endpoints return it) or
 * ISO-8601. A value that fits none of them reads as {@code null} rather than failing the response.
 */
final class EpochMillisDeserializer extends StdScalarDeserializer<Long> {

  private static final DateTimeFormatter SPACE_SEPARATED =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter();

  EpochMillisDeserializer() {
    super(Long.class);
  }

  @Override
  public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    }
    if (token == JsonToken.VALUE_NUMBER_FLOAT) {
      return Math.round(p.getDoubleValue());
    }
    if (token == JsonToken.VALUE_STRING) {
      return parse(p.getText());
    }
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    p.skipChildren();
    return null;
  }

  static Long parse(String text) {
    String s = text.trim();
    if (s.isEmpty()) {
      return null;
    }
    try {
      if (s.chars().allMatch(Character::isDigit)) {
        return Long.parseLong(s);
      }
      if (s.indexOf('T') < 0) {
        return LocalDateTime.parse(s, SPACE_SEPARATED).toInstant(ZoneOffset.UTC).toEpochMilli();
      }
      if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:?\\d\\d$")) {
        return OffsetDateTime.parse(s).toInstant().toEpochMilli();
      }
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException | NumberFormatException e) {
      try {
        return Instant.parse(s).toEpochMilli();
      } catch (DateTimeParseException ignored) {
        return null;
      }
    }
  }
}
