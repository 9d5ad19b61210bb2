package ai.honeyhive.internal.capture;

import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import java.util.function.Function;

/**
 * How values of one class are captured, worked out once per class by {@link TypeRules}.
 * Not public API.
 */
final class TypeRule {
  enum Kind {
    STRING, CHAR_SEQUENCE, BOOLEAN, NUMBER, FLOATING, BIG_INTEGER, BIG_DECIMAL, MUTABLE_NUMBER,
    CHARACTER, ENUM, TO_STRING, DATE, CALENDAR, TIME_ZONE, OPTIONAL, OPTIONAL_INT, OPTIONAL_LONG,
    OPTIONAL_DOUBLE, ATOMIC_REFERENCE, ATOMIC_BOOLEAN, BYTES, CHARS, PRIMITIVE_ARRAY, OBJECT_ARRAY,
    COLLECTION, MAP, MAP_ENTRY, ITERABLE, JSON_NODE, FOREIGN_JSON_NODE, THROWABLE, BUFFER, THREAD, CLASS, PLACEHOLDER,
    CUSTOM,
    BEAN, JACKSON, OBJECT_TO_STRING
  }

  final Kind kind;
  /** For PLACEHOLDER: the whole marker. */
  final String text;
  /** For ENUM: the recorded name of each constant, by ordinal. */
  final String[] enumNames;
  /** For BEAN: the properties, in Jackson's order. */
  final BeanProperty[] properties;
  /** For BEAN: a {@code @JsonAnyGetter} whose map entries are added as properties, or null. */
  final AnnotatedMember anyGetter;
  /** For CUSTOM: the user's serializer. */
  final Function<Object, ?> custom;
  /** For COLLECTION and MAP: whether {@code size()} is cheap enough to report how much was cut. */
  final boolean cheapSize;
  /**
   * For COLLECTION and MAP: whether the container itself can never change (the JDK's
   * {@code List.of}/{@code Map.of} family), so that one holding only values kept as they are may
   * be kept by reference instead of copied.
   */
  final boolean immutable;
  /**
   * For MAP: whether two of its keys are never equal (a JDK map comparing keys by equals, or by
   * a sorted map's natural order; a comparator is checked on each map), so that its String keys
   * recorded as they are need no look for an earlier equal one.
   */
  final boolean distinctKeys;
  /**
   * For BEAN: the property names by position, shared by every object captured with this rule
   * while no property is left out; null when the object's entries cannot be told apart by
   * position (an any-getter's entries may repeat a name).
   */
  final String[] names;

  private TypeRule(Kind kind, String text, String[] enumNames, BeanProperty[] properties,
      AnnotatedMember anyGetter, Function<Object, ?> custom, boolean cheapSize, boolean immutable,
      boolean distinctKeys) {
    this.kind = kind;
    this.text = text;
    this.enumNames = enumNames;
    this.properties = properties;
    this.anyGetter = anyGetter;
    this.custom = custom;
    this.cheapSize = cheapSize;
    this.immutable = immutable;
    this.distinctKeys = distinctKeys;
    this.names = properties == null ? null : distinctNames(properties, anyGetter);
  }

  private static String[] distinctNames(BeanProperty[] properties, AnnotatedMember anyGetter) {
    if (anyGetter != null) {
      return null;
    }
    String[] names = new String[properties.length];
    for (int i = 0; i < properties.length; i++) {
      BeanProperty p = properties[i];
      if (p.anyGetter() || p.name().equals(Markers.TRUNCATED_ENTRY_KEY)) {
        return null;
      }
      for (int j = 0; j < i; j++) {
        if (names[j].equals(p.name())) {
          return null;
        }
      }
      names[i] = p.name();
    }
    return names;
  }

  static TypeRule of(Kind kind) {
    return new TypeRule(kind, null, null, null, null, null, true, false, false);
  }

  static TypeRule placeholder(String text) {
    return new TypeRule(Kind.PLACEHOLDER, text, null, null, null, null, true, false, false);
  }

  static TypeRule container(Kind kind, boolean cheapSize) {
    return new TypeRule(kind, null, null, null, null, null, cheapSize, false, false);
  }

  /** A JDK map whose keys are never equal to each other: see {@link #distinctKeys}. */
  static TypeRule distinctKeyMap(boolean cheapSize, boolean immutable) {
    return new TypeRule(Kind.MAP, null, null, null, null, null, cheapSize, immutable, true);
  }

  /** A JDK container that can never change: see {@link #immutable}. */
  static TypeRule immutableContainer(Kind kind) {
    return new TypeRule(kind, null, null, null, null, null, true, true, false);
  }

  static TypeRule enumeration(String[] names) {
    return new TypeRule(Kind.ENUM, null, names, null, null, null, true, false, false);
  }

  static TypeRule bean(BeanProperty[] properties, AnnotatedMember anyGetter) {
    return new TypeRule(Kind.BEAN, null, null, properties, anyGetter, null, true, false, false);
  }

  static TypeRule custom(Function<Object, ?> serializer) {
    return new TypeRule(Kind.CUSTOM, null, null, null, null, serializer, true, false, false);
  }
}
