package ai.honeyhive.agent;

import ai.honeyhive.config.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which classes the weaver looks at, as AspectJ type patterns for the {@code <include>} and
 * {@code <exclude>} elements of the generated {@code aop.xml}.
 *
 * <p>The JDK, the agent itself and AspectJ are never woven. Well-known frameworks and libraries
 * are excluded by default, since application code rarely lives there and examining their classes
 * costs start-up time; a default exclusion is dropped when an include lies inside it, and a class
 * named in {@code trace.methods} is exempt from it (with its subclasses). User excludes always
 * win. With includes, only the included classes (and the configured classes with their
 * subclasses) are woven.
 */
record WeavingScope(List<String> includes, List<String> excludes) {

  /**
   * Never woven: the platform, the agent and its weaver. The agent's packages are listed one by
   * one because applications may live under {@code ai.honeyhive} too (our samples do); the few
   * classes directly in {@code ai.honeyhive} have nothing to weave.
   */
  static final List<String> ALWAYS_EXCLUDED = List.of("java", "javax", "jdk", "sun", "com.sun", "org.aspectj",
      "ai.honeyhive.agent", "ai.honeyhive.aspects", "ai.honeyhive.internal", "ai.honeyhive.annotations",
      "ai.honeyhive.transport", "ai.honeyhive.config", "ai.honeyhive.shaded");

  /** Excluded unless an include or a configured method lies inside. */
  static final List<String> DEFAULT_EXCLUDED = List.of(
      "org.springframework", "org.hibernate", "com.fasterxml", "org.apache", "io.netty",
      // built at run time: the agent jar's relocation would rewrite the literal to its shaded name
      String.join(".", "org", "slf4j"), "ch.qos.logback", "org.jboss", "org.glassfish", "jakarta", "org.eclipse",
      "com.google", "io.micrometer", "io.opentelemetry", "io.grpc", "reactor", "io.reactivex",
      "io.undertow", "io.vertx", "io.micronaut", "io.quarkus", "kotlin", "kotlinx", "scala",
      "groovy", "org.codehaus", "net.bytebuddy", "org.objectweb", "javassist", "com.zaxxer",
      "org.postgresql", "com.mysql", "org.h2", "org.hsqldb", "org.mariadb", "okhttp3", "okio",
      "org.yaml", "org.json", "org.xml", "org.w3c", "org.ietf", "org.omg", "org.junit",
      "org.mockito", "org.assertj", "org.hamcrest", "org.gradle", "org.graalvm", "com.oracle",
      "com.ibm", "org.osgi", "org.thymeleaf", "io.swagger", "org.bouncycastle", "com.github.benmanes",
      // thousands of model classes; its builders are woven when honeyhive.agent.instrument.openai asks
      "com.openai");

  /** Classes generated at run time by proxy and byte-code libraries ({@code Foo$$SpringCGLIB$$0}). */
  static final String GENERATED_CLASSES = "*..*$$*";

  private static final Pattern TYPE_PATTERN = Pattern.compile("[\\p{javaJavaIdentifierPart}.*+]+");

  /**
   * The scope for the user's include and exclude lists (package names, class names or AspectJ
   * type patterns, separated by commas, semicolons or white space) and the configured methods.
   */
  static WeavingScope of(String includeList, String includeOrigin, String excludeList,
      String excludeOrigin, List<ConfiguredMethod> methods) {
    return of(includeList, includeOrigin, excludeList, excludeOrigin, methods, List.of());
  }

  /**
   * As above, with {@code packages} (whole package trees) woven too, for an integration's aspect:
   * included when there are includes, and exempt from the default exclusion around them. The
   * user's own excludes still win.
   */
  static WeavingScope of(String includeList, String includeOrigin, String excludeList,
      String excludeOrigin, List<ConfiguredMethod> methods, List<String> packages) {
    List<String> errors = new ArrayList<>();
    List<Entry> includes = entries(includeList, includeOrigin, errors);
    List<Entry> excludes = entries(excludeList, excludeOrigin, errors);
    if (!errors.isEmpty()) {
      throw new ConfigurationException(String.join(System.lineSeparator(), errors));
    }
    Set<String> configuredTypes = new LinkedHashSet<>();
    for (ConfiguredMethod m : methods) {
      configuredTypes.add(m.className());
    }

    Set<String> includePatterns = new LinkedHashSet<>();
    for (Entry e : includes) {
      includePatterns.addAll(e.patterns());
    }
    if (!includes.isEmpty()) {
      for (String type : configuredTypes) {
        if (includes.stream().noneMatch(e -> e.covers(type))) {
          includePatterns.add(type + "+");
        }
      }
      for (String pkg : packages) {
        if (includes.stream().noneMatch(e -> e.covers(pkg))) {
          includePatterns.add(pkg + "..*");
        }
      }
    }

    Set<String> excludePatterns = new LinkedHashSet<>();
    for (String p : ALWAYS_EXCLUDED) {
      excludePatterns.add(p + "..*");
    }
    for (String p : DEFAULT_EXCLUDED) {
      if (includes.stream().anyMatch(e -> within(e.prefix(), p))) {
        continue;
      }
      StringBuilder pattern = new StringBuilder(p).append("..*");
      for (String type : configuredTypes) {
        if (within(type, p)) {
          pattern.append(" && !").append(type).append('+');
        }
      }
      for (String pkg : packages) {
        if (within(pkg, p)) {
          pattern.append(" && !").append(pkg).append("..*");
        }
      }
      excludePatterns.add(pattern.toString());
    }
    excludePatterns.add(GENERATED_CLASSES);
    for (Entry e : excludes) {
      excludePatterns.addAll(e.patterns());
    }
    return new WeavingScope(List.copyOf(includePatterns), List.copyOf(excludePatterns));
  }

  /** Whether the dotted name {@code name} is {@code pkg} or lies inside it. */
  static boolean within(String name, String pkg) {
    return name.equals(pkg) || name.startsWith(pkg + ".");
  }

  private static List<Entry> entries(String list, String origin, List<String> errors) {
    List<Entry> result = new ArrayList<>();
    if (list == null) {
      return result;
    }
    for (String raw : list.split("[,;\\s]+")) {
      if (raw.isEmpty()) {
        continue;
      }
      if (raw.contains("*") || raw.contains("+")) {
        if (!TYPE_PATTERN.matcher(raw).matches() || raw.startsWith(".")) {
          errors.add("invalid entry '" + raw + "' in " + origin
              + ": expected a package or class name (com.acme.app) or an AspectJ type pattern (com.acme..*)");
        } else {
          result.add(new Entry(raw, true));
        }
      } else if (!ConfiguredMethod.isQualifiedName(raw)) {
        errors.add("invalid entry '" + raw + "' in " + origin
            + ": expected a package or class name (com.acme.app) or an AspectJ type pattern (com.acme..*)");
      } else {
        result.add(new Entry(raw, false));
      }
    }
    return result;
  }

  /** One include or exclude as the user wrote it. */
  private record Entry(String text, boolean isPattern) {
    /** A plain name means the package with its subpackages, or the class with its nested classes. */
    List<String> patterns() {
      return isPattern ? List.of(text) : List.of(text + "..*", text);
    }

    /** The literal dotted prefix: the whole name, or a pattern's text before its first wildcard. */
    String prefix() {
      if (!isPattern) {
        return text;
      }
      int star = text.indexOf('*');
      int plus = text.indexOf('+');
      int end = star < 0 ? plus : plus < 0 ? star : Math.min(star, plus);
      String p = text.substring(0, end);
      while (p.endsWith(".")) {
        p = p.substring(0, p.length() - 1);
      }
      return p;
    }

    /** Whether the whole of {@code type}'s package tree is inside this include. */
    boolean covers(String type) {
      String prefix = prefix();
      return within(type, prefix) && (!isPattern || text.equals(prefix + "..*"));
    }
  }
}
