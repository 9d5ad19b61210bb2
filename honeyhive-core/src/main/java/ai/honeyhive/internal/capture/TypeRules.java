package ai.honeyhive.internal.capture;

import ai.honeyhive.annotations.Redact;
import ai.honeyhive.internal.capture.TypeRule.Kind;
import ai.honeyhive.transport.internal.JsonMappers;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.ser.AnyGetterWriter;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import com.fasterxml.jackson.databind.ser.impl.UnknownSerializer;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.Date;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Function;

/**
 * Decides, once per class, how its values are captured. The order of the checks is the type table
 * of docs/capture.md: user serializers first, then values, containers, things never to touch, and
 * last objects read through their Jackson properties. Not public API.
 */
final class TypeRules {
  /**
   * Types whose values are never read: resources, concurrency and runtime handles, and framework
   * objects whose getters do I/O. Checked against every supertype; the first match names the
   * placeholder, so more specific entries come first.
   */
  private static final Map<String, String> UNTOUCHABLE = new LinkedHashMap<>();

  /**
   * The application's own Jackson tree type when it is not ours: in the load-time agent's jar our
   * Jackson is relocated, so an application's {@code JsonNode} is another class.
   */
  private static final String APPLICATION_JSON_NODE =
      unrelocated("com", "fasterxml", "jackson", "databind", "JsonNode");

  /**
   * A class name as the application sees it, given in parts. The agent jar's relocation rewrites
   * string constants naming relocated packages (Jackson, SLF4J) to their shaded names; a name
   * joined at run time is left alone, so it still names the application's class.
   */
  static String unrelocated(String... parts) {
    return String.join(".", parts);
  }

  static {
    String[][] entries = {
      {"java.io.InputStream", "InputStream"}, {"java.io.OutputStream", "OutputStream"},
      {"java.io.Reader", "Reader"}, {"java.io.Writer", "Writer"},
      {"java.nio.channels.Channel", "Channel"}, {"java.util.stream.BaseStream", "Stream"},
      {"java.util.Iterator", "Iterator"}, {"java.util.Spliterator", "Spliterator"},
      {"java.util.Enumeration", "Enumeration"}, {"java.nio.file.DirectoryStream", "DirectoryStream"},
      {"java.util.concurrent.Future", "Future"}, {"java.util.concurrent.CompletionStage", "Future"},
      {"java.util.concurrent.Flow$Publisher", "Publisher"}, {"org.reactivestreams.Publisher", "Publisher"},
      {"java.lang.ThreadGroup", "ThreadGroup"}, {"java.lang.ThreadLocal", "ThreadLocal"},
      {"java.util.concurrent.Executor", "Executor"}, {"java.util.concurrent.locks.Lock", "Lock"},
      {"java.util.concurrent.locks.ReadWriteLock", "Lock"}, {"java.util.concurrent.locks.Condition", "Condition"},
      {"java.util.Timer", "Timer"}, {"java.lang.Class", "Class"}, {"java.lang.ClassLoader", "ClassLoader"},
      {"java.lang.Module", "Module"}, {"java.lang.reflect.AnnotatedElement", "Reflection"},
      {"java.lang.invoke.MethodHandle", "MethodHandle"}, {"java.lang.Runtime", "Runtime"},
      {"java.lang.Process", "Process"}, {"java.lang.ProcessHandle", "Process"},
      {"java.lang.ref.Reference", "Reference"}, {"java.net.Socket", "Socket"},
      {"java.net.ServerSocket", "Socket"}, {"java.net.DatagramSocket", "Socket"},
      {"java.net.URLConnection", "URLConnection"}, {"java.net.http.HttpClient", "HttpClient"},
      {"java.nio.file.FileSystem", "FileSystem"}, {"java.nio.file.WatchService", "WatchService"},
      {"java.io.Console", "Console"}, {"java.sql.Connection", "Connection"},
      {"java.sql.Statement", "Statement"}, {"java.sql.ResultSet", "ResultSet"},
      {"javax.sql.DataSource", "DataSource"}, {"java.lang.System$Logger", "Logger"},
      {"java.util.logging.Logger", "Logger"}, {unrelocated("org", "slf4j", "Logger"), "Logger"},
      {"org.apache.logging.log4j.Logger", "Logger"},
      {"javax.servlet.ServletRequest", "ServletRequest"}, {"jakarta.servlet.ServletRequest", "ServletRequest"},
      {"javax.servlet.ServletResponse", "ServletResponse"}, {"jakarta.servlet.ServletResponse", "ServletResponse"},
      {"javax.servlet.http.HttpSession", "HttpSession"}, {"jakarta.servlet.http.HttpSession", "HttpSession"},
      {"org.springframework.beans.factory.BeanFactory", "BeanFactory"},
      {"org.springframework.core.io.InputStreamSource", "InputStreamSource"},
      {"jakarta.persistence.EntityManager", "EntityManager"}, {"javax.persistence.EntityManager", "EntityManager"},
      {"org.hibernate.proxy.HibernateProxy", "HibernateProxy"},
      {"org.hibernate.collection.spi.PersistentCollection", "PersistentCollection"},
      {"org.hibernate.SharedSessionContract", "HibernateSession"},
      {"ai.honeyhive.Tracer", "Tracer"}, {"ai.honeyhive.Span", "Span"}, {"ai.honeyhive.Session", "Session"},
      {"java.lang.AutoCloseable", "AutoCloseable"},
    };
    for (String[] e : entries) {
      UNTOUCHABLE.put(e[0], e[1]);
    }
  }

  /** Value types of the JDK whose {@code toString()} is short, cheap and the expected JSON text. */
  private static final Set<String> TO_STRING_TYPES = Set.of(
      "java.util.UUID", "java.net.URI", "java.net.URL", "java.nio.file.Path", "java.io.File",
      "java.util.Locale", "java.util.Currency", "java.nio.charset.Charset", "java.util.regex.Pattern",
      "java.net.InetAddress", "java.net.InetSocketAddress", "java.time.temporal.TemporalAccessor",
      "java.time.temporal.TemporalAmount", "java.time.ZoneId", "java.lang.StackTraceElement");

  /**
   * The classes of {@code List.of}, {@code List.copyOf}, {@code Stream.toList}, their sub-lists,
   * and {@code Map.of}, {@code Map.copyOf}, {@code Map.ofEntries}: final JDK classes whose
   * instances can never change (no setter, no view of anything mutable). Sets are not here: a set
   * is captured as a list, so it is never kept as it is.
   */
  private static final Set<Class<?>> IMMUTABLE_CONTAINERS = immutableContainers(
      List.of(), List.of(1), List.of(1, 2, 3), List.of(1, 2, 3).subList(0, 2),
      java.util.stream.Stream.of(1, 2, 3).toList(), Map.of(), Map.of(1, 1), Map.of(1, 1, 2, 2));

  /** The classes of {@code examples} that are the JDK's immutable collections (not wrappers). */
  private static Set<Class<?>> immutableContainers(Object... examples) {
    Set<Class<?>> classes = new HashSet<>();
    for (Object e : examples) {
      if (e.getClass().getName().startsWith("java.util.ImmutableCollections$")) {
        classes.add(e.getClass());
      }
    }
    return Set.copyOf(classes);
  }

  /**
   * JDK maps whose iteration gives keys never equal to each other (equals, or a sorted map's
   * order, whose comparator is checked on each map). Not {@code IdentityHashMap}, nor wrappers
   * such as {@code Collections.unmodifiableMap}, which may wrap one, nor the concurrent maps,
   * whose iteration may meet a key removed and put back twice.
   */
  private static final Set<Class<?>> DISTINCT_KEY_MAPS = Set.of(
      java.util.HashMap.class, LinkedHashMap.class, java.util.TreeMap.class, java.util.Hashtable.class);

  private final List<Map.Entry<Class<?>, Function<Object, ?>>> serializers;
  private final SecretNames secrets;
  private final ClassValue<Known> rules = new ClassValue<>() {
    @Override
    protected Known computeValue(Class<?> type) {
      Function<Object, ?> custom = customSerializer(type);
      return new Known(type, custom != null ? TypeRule.custom(custom) : builtIn.get(type));
    }
  };
  private final ClassValue<TypeRule> builtIn = new ClassValue<>() {
    @Override
    protected TypeRule computeValue(Class<?> type) {
      try {
        return classify(type);
      } catch (RuntimeException | LinkageError e) {
        return TypeRule.placeholder(Markers.opaque(type));
      }
    }
  };

  /** The rule of {@code String}, of {@code Integer} and of {@code Long}, decided once: a user serializer may claim them. */
  private final TypeRule stringRule;
  private final TypeRule integerRule;
  private final TypeRule longRule;
  /**
   * Rules of the platform's classes by the class's identity hash: a walk asks for the same few
   * classes on every call, and one array read and a reference compare answer it where {@code ClassValue} takes
   * several dependent reads. Written without a lock: an entry is immutable (final fields).
   */
  private final Known[] recent = new Known[RECENT];
  private static final int RECENT = 64;

  private static final class Known {
    final Class<?> type;
    final TypeRule rule;
    /**
     * A class of the platform's (no class loader of its own): never unloaded, so it may be held
     * in {@link #recent}. Asked once per class: {@code getClassLoader()} is a native call.
     */
    final boolean platform;

    Known(Class<?> type, TypeRule rule) {
      this.type = type;
      this.rule = rule;
      this.platform = type.getClassLoader() == null;
    }
  }

  TypeRules(List<Map.Entry<Class<?>, Function<Object, ?>>> serializers, SecretNames secrets) {
    this.serializers = List.copyOf(serializers);
    this.secrets = secrets;
    this.stringRule = rules.get(String.class).rule;
    this.integerRule = rules.get(Integer.class).rule;
    this.longRule = rules.get(Long.class).rule;
  }

  TypeRule ruleFor(Class<?> type) {
    if (type == String.class) {
      return stringRule;
    }
    if (type == Integer.class) {
      return integerRule;
    }
    if (type == Long.class) {
      return longRule;
    }
    int slot = type.hashCode() & (RECENT - 1);
    Known k = recent[slot];
    if (k != null && k.type == type) {
      return k.rule;
    }
    Known known = rules.get(type);
    // only the platform's classes, which are never unloaded (an application's class held here
    // would keep its class loader alive after a redeploy), and only into an empty slot (two
    // classes sharing one would otherwise take it from each other on every call)
    if (k == null && known.platform) {
      recent[slot] = known;
    }
    return known.rule;
  }

  /** The rule without user serializers: for what a serializer returns for its own types. */
  TypeRule builtInRuleFor(Class<?> type) {
    return builtIn.get(type);
  }

  private TypeRule classify(Class<?> c) {
    if (c == String.class) {
      return TypeRule.of(Kind.STRING);
    }
    if (c == Boolean.class) {
      return TypeRule.of(Kind.BOOLEAN);
    }
    if (c == Integer.class || c == Long.class || c == Short.class || c == Byte.class) {
      return TypeRule.of(Kind.NUMBER);
    }
    if (c == Double.class || c == Float.class) {
      return TypeRule.of(Kind.FLOATING);
    }
    if (c == BigInteger.class) {
      return TypeRule.of(Kind.BIG_INTEGER);
    }
    if (c == BigDecimal.class) {
      return TypeRule.of(Kind.BIG_DECIMAL);
    }
    if (c == Character.class) {
      return TypeRule.of(Kind.CHARACTER);
    }
    if (Number.class.isAssignableFrom(c) && isJdk(c)) {
      return TypeRule.of(Kind.MUTABLE_NUMBER); // AtomicLong, LongAdder, ...: read once, as it is now
    }
    if (c.isArray()) {
      Class<?> component = c.getComponentType();
      if (component == byte.class) {
        return TypeRule.of(Kind.BYTES);
      }
      if (component == char.class) {
        return TypeRule.of(Kind.CHARS); // often a password: never written out
      }
      return TypeRule.of(component.isPrimitive() ? Kind.PRIMITIVE_ARRAY : Kind.OBJECT_ARRAY);
    }
    if (c.isSynthetic() || c.isHidden() || c.getName().contains("$$Lambda")) {
      return TypeRule.placeholder(Markers.placeholder("lambda", c));
    }
    if (Proxy.isProxyClass(c) || c.getName().contains("$$EnhancerBy") || c.getName().contains("$$SpringCGLIB$$")) {
      return TypeRule.placeholder(Markers.placeholder("proxy", c));
    }
    if (c == Optional.class) {
      return TypeRule.of(Kind.OPTIONAL);
    }
    if (c == OptionalInt.class) {
      return TypeRule.of(Kind.OPTIONAL_INT);
    }
    if (c == OptionalLong.class) {
      return TypeRule.of(Kind.OPTIONAL_LONG);
    }
    if (c == OptionalDouble.class) {
      return TypeRule.of(Kind.OPTIONAL_DOUBLE);
    }
    if (c == java.util.concurrent.atomic.AtomicReference.class) {
      return TypeRule.of(Kind.ATOMIC_REFERENCE);
    }
    if (c == java.util.concurrent.atomic.AtomicBoolean.class) {
      return TypeRule.of(Kind.ATOMIC_BOOLEAN);
    }
    if (JsonNode.class.isAssignableFrom(c)) {
      return TypeRule.of(Kind.JSON_NODE);
    }
    Set<String> supertypes = supertypeNames(c);
    if (supertypes.contains(APPLICATION_JSON_NODE)) {
      return TypeRule.of(Kind.FOREIGN_JSON_NODE);
    }
    if (Throwable.class.isAssignableFrom(c)) {
      return TypeRule.of(Kind.THROWABLE);
    }
    if (c == Class.class) {
      return TypeRule.of(Kind.CLASS);
    }
    if (Thread.class.isAssignableFrom(c)) {
      return TypeRule.of(Kind.THREAD);
    }
    if (java.nio.Buffer.class.isAssignableFrom(c)) {
      return TypeRule.of(Kind.BUFFER);
    }
    for (Map.Entry<String, String> u : UNTOUCHABLE.entrySet()) {
      if (supertypes.contains(u.getKey())) {
        return TypeRule.placeholder(Markers.placeholder(u.getValue(), c));
      }
    }
    if (c.isEnum() || (c.getSuperclass() != null && c.getSuperclass().isEnum())) {
      return enumRule(c.isEnum() ? c : c.getSuperclass());
    }
    if (Map.class.isAssignableFrom(c)) {
      if (IMMUTABLE_CONTAINERS.contains(c)) {
        return TypeRule.distinctKeyMap(true, true);
      }
      return DISTINCT_KEY_MAPS.contains(c) ? TypeRule.distinctKeyMap(hasCheapSize(c), false)
          : TypeRule.container(Kind.MAP, hasCheapSize(c));
    }
    if (Collection.class.isAssignableFrom(c)) {
      return IMMUTABLE_CONTAINERS.contains(c) ? TypeRule.immutableContainer(Kind.COLLECTION)
          : TypeRule.container(Kind.COLLECTION, hasCheapSize(c));
    }
    if (Map.Entry.class.isAssignableFrom(c)) {
      return TypeRule.of(Kind.MAP_ENTRY);
    }
    if (CharSequence.class.isAssignableFrom(c)) {
      return TypeRule.of(Kind.CHAR_SEQUENCE);
    }
    if (Date.class.isAssignableFrom(c)) {
      return TypeRule.of(Kind.DATE);
    }
    if (Calendar.class.isAssignableFrom(c)) {
      return TypeRule.of(Kind.CALENDAR);
    }
    if (TimeZone.class.isAssignableFrom(c)) {
      return TypeRule.of(Kind.TIME_ZONE);
    }
    for (String name : TO_STRING_TYPES) {
      if (supertypes.contains(name)) {
        return TypeRule.of(Kind.TO_STRING);
      }
    }
    if (Iterable.class.isAssignableFrom(c)) {
      return TypeRule.container(Kind.ITERABLE, false);
    }
    if (isJdk(c)) {
      // a platform type with no rule above: its properties are implementation details
      return noPropertiesRule(c);
    }
    return jacksonRule(c);
  }

  private Function<Object, ?> customSerializer(Class<?> c) {
    for (Map.Entry<Class<?>, Function<Object, ?>> e : serializers) {
      if (e.getKey() == c) {
        return e.getValue();
      }
    }
    for (Map.Entry<Class<?>, Function<Object, ?>> e : serializers) {
      if (e.getKey().isAssignableFrom(c)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static TypeRule enumRule(Class<?> c) {
    for (Method m : c.getDeclaredMethods()) {
      if (m.isAnnotationPresent(JsonValue.class)) {
        return TypeRule.of(Kind.JACKSON);
      }
    }
    Object[] constants = c.getEnumConstants();
    String[] names = new String[constants.length];
    for (int i = 0; i < constants.length; i++) {
      String name = ((Enum<?>) constants[i]).name();
      try {
        Field f = c.getField(name);
        JsonProperty p = f.getAnnotation(JsonProperty.class);
        names[i] = p != null && !p.value().isEmpty() ? p.value() : name;
      } catch (NoSuchFieldException | SecurityException e) {
        names[i] = name;
      }
    }
    return TypeRule.enumeration(names);
  }

  /**
   * An object read through the properties Jackson would write: public getters and fields, record
   * components, {@code @JsonProperty} members, minus {@code @JsonIgnore}d ones, in Jackson's order.
   * Types Jackson writes some other way ({@code @JsonValue}, {@code @JsonSerialize}) go through
   * Jackson itself, bounded; types with no properties are recorded by {@code toString()} when
   * they declare one, else by class name.
   */
  private TypeRule jacksonRule(Class<?> c) {
    ObjectMapper mapper = JsonMappers.mapper();
    JsonSerializer<Object> serializer;
    try {
      serializer = mapper.getSerializerProviderInstance().findValueSerializer(c);
    } catch (Exception e) {
      return noPropertiesRule(c);
    }
    if (serializer instanceof BeanSerializerBase bean) {
      BeanDescription description = mapper.getSerializationConfig().introspect(mapper.constructType(c));
      Map<String, BeanPropertyDefinition> definitions = new LinkedHashMap<>();
      for (BeanPropertyDefinition d : description.findProperties()) {
        definitions.put(d.getName(), d);
      }
      List<BeanProperty> properties = new ArrayList<>();
      boolean anyGetterListed = false;
      for (java.util.Iterator<PropertyWriter> it = bean.properties(); it.hasNext(); ) {
        if (it.next() instanceof BeanPropertyWriter w) {
          boolean any = w instanceof AnyGetterWriter;
          anyGetterListed |= any;
          boolean redacted = !any && (secrets.isSecret(w.getName()) || w.getAnnotation(Redact.class) != null
              || fieldRedacted(definitions.get(w.getName())));
          properties.add(new BeanProperty(w.getName(), redacted, w.willSuppressNulls(), any, w));
        }
      }
      // Jackson lists the any-getter among the properties since 2.18; before, it is found apart
      AnnotatedMember anyGetter = anyGetterListed ? null : description.findAnyGetter();
      if (anyGetter != null) {
        anyGetter.fixAccess(true);
      }
      if (!properties.isEmpty() || anyGetter != null) {
        return TypeRule.bean(properties.toArray(new BeanProperty[0]), anyGetter);
      }
      return noPropertiesRule(c);
    }
    if (serializer == null || serializer instanceof UnknownSerializer) {
      return noPropertiesRule(c);
    }
    return TypeRule.of(Kind.JACKSON);
  }

  private static boolean fieldRedacted(BeanPropertyDefinition d) {
    if (d == null) {
      return false;
    }
    if (d.getField() != null && d.getField().hasAnnotation(Redact.class)) {
      return true;
    }
    return d.getGetter() != null && d.getGetter().hasAnnotation(Redact.class);
  }

  private static TypeRule noPropertiesRule(Class<?> c) {
    try {
      if (c.getMethod("toString").getDeclaringClass() != Object.class) {
        return TypeRule.of(Kind.OBJECT_TO_STRING);
      }
    } catch (NoSuchMethodException | SecurityException e) {
      // fall through to the class name
    }
    return TypeRule.placeholder(Markers.opaque(c));
  }

  /** Whether {@code size()} is constant-time; some concurrent collections count by walking. */
  private static boolean hasCheapSize(Class<?> c) {
    String n = c.getName();
    return !(n.startsWith("java.util.concurrent.ConcurrentLinked")
        || n.startsWith("java.util.concurrent.ConcurrentSkipList")
        || n.startsWith("java.util.concurrent.LinkedTransferQueue"));
  }

  static boolean isJdk(Class<?> c) {
    Module m = c.getModule();
    if (!m.isNamed()) {
      return false;
    }
    String n = m.getName();
    return n.startsWith("java.") || n.startsWith("jdk.");
  }

  private static Set<String> supertypeNames(Class<?> c) {
    Set<String> names = new HashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>();
    todo.add(c);
    while (!todo.isEmpty()) {
      Class<?> t = todo.poll();
      if (names.add(t.getName())) {
        if (t.getSuperclass() != null) {
          todo.add(t.getSuperclass());
        }
        todo.addAll(List.of(t.getInterfaces()));
      }
    }
    return names;
  }
}
