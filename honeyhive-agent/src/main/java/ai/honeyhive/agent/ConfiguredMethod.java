package ai.honeyhive.agent;

import ai.honeyhive.transport.model.EventType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A method of a class without annotations that the agent traces as if it were annotated: one
 * entry of {@code honeyhive.agent.trace.methods}, written {@code <class>#<method>=<type>[:<name>]}.
 *
 * <p>{@code <class>} is a fully qualified class or interface name (nested classes with {@code $});
 * {@code <method>} a method name, in which {@code *} matches any characters. Every overload is
 * traced, and so are overriding implementations in subclasses. {@code <type>} is {@code chain},
 * {@code tool} or {@code model}; {@code <name>} the event name, by default the method's name.
 */
record ConfiguredMethod(String className, String methodName, EventType type, String eventName) {

  static final String SYNTAX = "<class>#<method>=<type>[:<event name>], e.g. com.acme.llm.Client#complete=model";


  /** The entry as a user would write it. */
  String entry() {
    return className + "#" + methodName + "=" + type.wireName() + (eventName.isEmpty() ? "" : ":" + eventName);
  }

  /** The AspectJ pointcut for the method's executions (every overload, overrides included). */
  String pointcut() {
    return "execution(* " + className + "." + methodName + "(..))";
  }

  /**
   * Parses a list of entries separated by {@code ;}, {@code ,} or line breaks; blank entries are
   * skipped. Every invalid entry is reported, each naming the entry and what is wrong with it.
   *
   * @param origin where the list came from, e.g. {@code environment variable HH_AGENT_TRACE_METHODS}
   * @throws ai.honeyhive.config.ConfigurationException listing every invalid entry
   */
  static List<ConfiguredMethod> parseList(String text, String origin) {
    List<ConfiguredMethod> result = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    if (text == null) {
      return result;
    }
    for (String raw : text.split("[;,\\r\\n]")) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      String problem;
      ConfiguredMethod m = null;
      try {
        m = parse(entry);
        problem = seen.add(m.className + "#" + m.methodName) ? null : "the method is listed twice";
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
      if (problem != null) {
        errors.add("invalid entry '" + entry + "' in " + origin + ": " + problem + "; expected " + SYNTAX);
      } else {
        result.add(m);
      }
    }
    if (!errors.isEmpty()) {
      throw new ai.honeyhive.config.ConfigurationException(String.join(System.lineSeparator(), errors));
    }
    return List.copyOf(result);
  }

  /** Parses one entry; the exception's message says what is wrong. */
  static ConfiguredMethod parse(String entry) {
    int eq = entry.indexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException("it has no '=<type>' (chain, tool or model)");
    }
    String target = entry.substring(0, eq).strip();
    String kind = entry.substring(eq + 1).strip();
    int hash = target.indexOf('#');
    if (hash < 0) {
      throw new IllegalArgumentException("it has no '#' between the class and the method name");
    }
    if (target.indexOf('#', hash + 1) >= 0) {
      throw new IllegalArgumentException("it has more than one '#'");
    }
    String className = target.substring(0, hash).strip();
    String methodName = target.substring(hash + 1).strip();
    if (className.isEmpty()) {
      throw new IllegalArgumentException("the class name is empty");
    }
    if (!isQualifiedName(className)) {
      throw new IllegalArgumentException("'" + className + "' is not a fully qualified class name");
    }
    if (className.startsWith("ai.honeyhive.") && className.indexOf('.', "ai.honeyhive.".length()) < 0) {
      throw new IllegalArgumentException("the HoneyHive library's own classes cannot be traced");
    }
    for (String pkg : WeavingScope.ALWAYS_EXCLUDED) {
      if (WeavingScope.within(className, pkg)) {
        throw new IllegalArgumentException("classes in " + pkg + ".* cannot be traced by the agent");
      }
    }
    if (methodName.isEmpty()) {
      throw new IllegalArgumentException("the method name is empty");
    }
    if (!isMethodPattern(methodName)) {
      throw new IllegalArgumentException("'" + methodName
          + "' is not a method name (letters, digits, _ and $, with * as a wildcard; no parameter list)");
    }
    String typeName = kind;
    String eventName = "";
    int colon = kind.indexOf(':');
    if (colon >= 0) {
      typeName = kind.substring(0, colon).strip();
      eventName = kind.substring(colon + 1).strip();
      if (eventName.isEmpty()) {
        throw new IllegalArgumentException("the event name after ':' is empty");
      }
    }
    EventType type = switch (typeName.toLowerCase(Locale.ROOT)) {
      case "chain" -> EventType.CHAIN;
      case "tool" -> EventType.TOOL;
      case "model" -> EventType.MODEL;
      case "" -> throw new IllegalArgumentException("the event type after '=' is empty (chain, tool or model)");
      default -> throw new IllegalArgumentException(
          "'" + typeName + "' is not an event type (chain, tool or model)");
    };
    return new ConfiguredMethod(className, methodName, type, eventName);
  }

  static boolean isQualifiedName(String s) {
    if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
      return false;
    }
    for (String part : s.split("\\.")) {
      if (!Character.isJavaIdentifierStart(part.codePointAt(0))) {
        return false;
      }
      if (!part.codePoints().allMatch(Character::isJavaIdentifierPart)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isMethodPattern(String s) {
    int first = s.codePointAt(0);
    return (first == '*' || Character.isJavaIdentifierStart(first))
        && s.codePoints().allMatch(c -> c == '*' || Character.isJavaIdentifierPart(c));
  }
}
