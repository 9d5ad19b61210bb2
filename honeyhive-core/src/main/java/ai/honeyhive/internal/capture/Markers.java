package ai.honeyhive.internal.capture;

/**
 * The text recorded in place of what was not captured. Every marker is a short string in square
 * brackets, so it reads as one in any JSON viewer and never grows with the value it replaces.
 * Not public API.
 */
final class Markers {
  /** The key of the entry added to a map or object whose remaining entries were left out. */
  static final String TRUNCATED_ENTRY_KEY = "[truncated]";
  static final String MASKING_FAILED = "[masking failed]";
  static final String CAPTURE_FAILED = "[capture failed]";
  static final String OVER_BUDGET = "[truncated: event size limit]";

  private Markers() {}

  static String truncatedString(int totalChars) {
    return "…[truncated: " + totalChars + " chars]";
  }

  static String moreElements(long more) {
    return more > 0 ? "[truncated: " + more + " more]" : "[truncated]";
  }

  static String cycle(Class<?> type) {
    return "[cycle: " + name(type) + "]";
  }

  static String maxDepth(Class<?> type) {
    return "[max depth: " + name(type) + "]";
  }

  static String failed(Throwable t) {
    Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null
        ? t.getCause() : t;
    return "[error: " + cause.getClass().getName() + "]";
  }

  static String placeholder(String kind, Class<?> type) {
    return "[" + kind + ": " + name(type) + "]";
  }

  static String opaque(Class<?> type) {
    return "[" + name(type) + "]";
  }

  /** The class name, without the per-JVM suffix of hidden classes such as lambdas. */
  static String name(Class<?> type) {
    String n = type.getName();
    int slash = n.indexOf('/');
    return slash < 0 ? n : n.substring(0, slash);
  }
}
