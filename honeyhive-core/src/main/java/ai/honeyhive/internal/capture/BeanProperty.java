package ai.honeyhive.internal.capture;

import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;

/**
 * One property of an object captured the way Jackson would write it: its JSON name, whether it is
 * masked (a secret-looking name or {@code @Redact}), whether a null value is left out
 * ({@code @JsonInclude(NON_NULL)}), whether it is a {@code @JsonAnyGetter} whose map entries
 * are merged into the object, and how to read it. Not public API.
 */
record BeanProperty(String name, boolean redacted, boolean omitNull, boolean anyGetter,
    BeanPropertyWriter writer) {

  /** Calls the getter or reads the field; whatever it throws is the caller's to record. */
  Object read(Object bean) throws Exception {
    return writer.get(bean);
  }
}
