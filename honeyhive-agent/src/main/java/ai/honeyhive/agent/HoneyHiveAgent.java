package ai.honeyhive.agent;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Tracer;
import ai.honeyhive.TracerSettings;
import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.internal.Setting;
import ai.honeyhive.internal.ConfiguredMethods;
import ai.honeyhive.transport.export.EventExporter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code -javaagent} entry point: traces an application's annotated methods, and the methods
 * named in {@code honeyhive.agent.trace.methods}, by weaving the HoneyHive aspects into classes as
 * they load.
 *
 * <p>At start-up it reads the configuration ({@link AgentSettings}), installs the process-wide
 * tracer (whose shutdown hook delivers what is queued at exit), writes the {@code aop.xml} for
 * the settings and starts AspectJ's load-time weaver on it. If the configuration is invalid it
 * says so on standard error, naming each bad setting, and the application runs untraced:
 * nothing is woven. With {@code HH_AGENT_STRICT=true} it stops the JVM with exit status 1
 * instead.
 */
public final class HoneyHiveAgent {
  static final String PREFIX = "[honeyhive-agent] ";
  /** The exit status of a strict start that failed. */
  static final int STRICT_EXIT_STATUS = 1;

  /** System properties the agent sets for AspectJ before starting it. */
  static final String AOP_CONFIGURATION_PROPERTY = "org.aspectj.weaver.loadtime.configuration";
  static final String LOADERS_TO_SKIP_PROPERTY = "aj.weaving.loadersToSkip";
  static final String DUMP_ON_EXCEPTION_PROPERTY = "org.aspectj.weaver.Dump.exception";
  static final String LIGHT_XML_PARSER_PROPERTY = "org.aspectj.weaver.loadtime.configuration.lightxmlparser";
  /** Loads JDK modules only, and cannot see our aspects: a weaver there would only complain. */
  static final String PLATFORM_CLASS_LOADER = "jdk.internal.loader.ClassLoaders$PlatformClassLoader";

  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private HoneyHiveAgent() {}

  public static void premain(String agentArgument, Instrumentation instrumentation) {
    Map<String, String> environment = System.getenv();
    Map<String, String> properties = honeyhiveProperties();
    boolean strict = AgentSettings.strict(environment, properties);
    if (!start(agentArgument, instrumentation, environment, properties, strict, System.err)) {
      if (strict) {
        System.exit(STRICT_EXIT_STATUS);
      }
    }
  }

  /**
   * Starts the agent; returns false when it could not, after saying why on {@code err}.
   * Never throws.
   */
  static boolean start(String agentArgument, Instrumentation instrumentation, Map<String, String> environment,
      Map<String, String> properties, boolean strict, PrintStream err) {
    if (!STARTED.compareAndSet(false, true)) {
      err.println(PREFIX + "the agent is already running; the second -javaagent is ignored");
      return true;
    }
    long startNanos = System.nanoTime();
    try {
      AgentSettings settings = AgentSettings.load(agentArgument, environment, properties);
      WeaverMessages.configure(settings.diagnostics(), err);
      if (!settings.tracerSettings().tracingEnabled()) {
        // no weaver: nothing is woven. A switch from the environment is what the library reads
        // anyway; one from the file must reach the programmatic API through the installed tracer
        if (settings.configFile().isPresent()) {
          HoneyHive.install(settings.tracer());
        }
        if (settings.diagnostics()) {
          err.println(PREFIX + "tracing is disabled (HH_DISABLE_TRACING): nothing is woven");
        }
        return true;
      }
      String xml = AopXml.render(settings.scope(), settings.methods(), settings.diagnostics(),
          settings.instrumentOpenAi());
      Path aopXml = writeAopXml(xml);
      List<ConfiguredMethod> methods = settings.methods();
      for (int i = 0; i < methods.size(); i++) {
        ConfiguredMethod m = methods.get(i);
        ConfiguredMethods.register(AopXml.aspectName(i), m.type(), m.eventName());
      }
      HoneyHive.install(settings.tracer());
      configureAspectJ(aopXml, settings.diagnostics());
      // BCEL's default repository indexes every class of the JDK image on first use (about half
      // of the weaver's start-up on JDK 17); this one reads the few classes it is asked for
      org.aspectj.apache.bcel.Repository.setRepository(
          new org.aspectj.apache.bcel.util.NonCachingClassLoaderRepository(ClassLoader.getSystemClassLoader()));
      if (settings.diagnostics()) {
        printSummary(settings, aopXml, xml, err);
      }
      // nothing after this line may load a class the weaver itself needs: the first class loaded
      // once the transformer is registered starts the weaver, which loads its own classes
      org.aspectj.weaver.loadtime.Agent.premain(null, instrumentation);
      if (settings.diagnostics()) {
        err.println(PREFIX + "started in " + (System.nanoTime() - startNanos) / 1_000_000 + " ms");
      }
      return true;
    } catch (ConfigurationException e) {
      fail(e.getMessage(), strict, err);
    } catch (IOException | RuntimeException | LinkageError e) {
      fail("could not start: " + e, strict, err);
    }
    switchTracingOff();
    return false;
  }

  /**
   * Makes "tracing is off" hold for the programmatic API too: without this, the first call of
   * {@code HoneyHive.startCurrentSession(...)}, say, would build a tracer from the environment.
   */
  private static void switchTracingOff() {
    try {
      HoneyHive.install(Tracer.builder()
          .settings(TracerSettings.builder().tracingEnabled(false).build())
          .synchronousExporter(EventExporter.noop())
          .build());
    } catch (RuntimeException | LinkageError ignored) {
      // the library itself cannot start: nothing can trace either
    }
  }

  private static void fail(String problem, boolean strict, PrintStream err) {
    for (String line : problem.split("\\R")) {
      err.println(PREFIX + line);
    }
    if (strict) {
      err.println(PREFIX + "stopping the JVM (" + Setting.AGENT_STRICT.variable() + "=true)");
    } else {
      err.println(PREFIX + "HoneyHive tracing is off: the application runs untraced ("
          + Setting.AGENT_STRICT.variable() + "=true stops the JVM instead)");
    }
    err.flush();
  }

  private static Path writeAopXml(String xml) throws IOException {
    Path file = Files.createTempFile("honeyhive-aop-", ".xml");
    file.toFile().deleteOnExit();
    Files.writeString(file, xml, StandardCharsets.UTF_8);
    return file;
  }

  /** Points AspectJ at our aop.xml and keeps it quiet; settings the user made are kept. */
  private static void configureAspectJ(Path aopXml, boolean diagnostics) {
    String ours = "file:" + aopXml.toAbsolutePath();
    String existing = System.getProperty(AOP_CONFIGURATION_PROPERTY);
    System.setProperty(AOP_CONFIGURATION_PROPERTY, existing == null || existing.isBlank() ? ours : existing + ";" + ours);
    String skip = System.getProperty(LOADERS_TO_SKIP_PROPERTY);
    System.setProperty(LOADERS_TO_SKIP_PROPERTY,
        skip == null || skip.isBlank() ? PLATFORM_CLASS_LOADER : skip + "," + PLATFORM_CLASS_LOADER);
    if (System.getProperty(LIGHT_XML_PARSER_PROPERTY) == null) {
      // AspectJ's own small parser reads our aop.xml without starting up the JDK's SAX parser
      System.setProperty(LIGHT_XML_PARSER_PROPERTY, "true");
    }
    if (!diagnostics && System.getProperty(DUMP_ON_EXCEPTION_PROPERTY) == null) {
      // no ajcore.*.txt files in the application's working directory
      System.setProperty(DUMP_ON_EXCEPTION_PROPERTY, "false");
    }
  }

  private static void printSummary(AgentSettings settings, Path aopXml, String xml, PrintStream err) {
    err.println(PREFIX + "HoneyHive agent " + version() + " with AspectJ weaver "
        + org.aspectj.bridge.Version.getText());
    settings.configFile().ifPresent(f -> err.println(PREFIX + "configuration file: " + f));
    err.println(PREFIX + "tracer: " + settings.config() + ", " + settings.tracerSettings());
    for (ConfiguredMethod m : settings.methods()) {
      err.println(PREFIX + "traced by configuration: " + m.entry());
    }
    if (settings.instrumentOpenAi()) {
      err.println(PREFIX + "OpenAI SDK clients built by its builders are recorded ("
          + Setting.AGENT_INSTRUMENT_OPENAI.variable() + ")");
    }
    err.println(PREFIX + "weaving configuration " + aopXml + ":");
    for (String line : xml.split("\n")) {
      err.println(PREFIX + "  " + line);
    }
  }

  static String version() {
    String v = HoneyHiveAgent.class.getPackage().getImplementationVersion();
    return v == null ? "(development build)" : v;
  }

  private static Map<String, String> honeyhiveProperties() {
    Map<String, String> result = new HashMap<>();
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("honeyhive.")) {
        result.put(name, System.getProperty(name));
      }
    }
    return result;
  }
}
