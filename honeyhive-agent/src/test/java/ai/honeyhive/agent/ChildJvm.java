package ai.honeyhive.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.aspects.TraceAspect;
import ai.honeyhive.transport.internal.JsonMappers;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.aspectj.bridge.IMessage;
import org.aspectj.bridge.MessageHandler;

/**
 * Builds small applications from source and runs them in child JVMs, with or without the agent,
 * for the integration tests. Paths come from the failsafe configuration in the module's pom.
 */
final class ChildJvm {
  static final Path AGENT_JAR = Path.of(required("honeyhive.it.agent.jar"));
  static final Path APPS = Path.of(required("honeyhive.it.apps.dir"));
  static final Path SAMPLES = Path.of(required("honeyhive.it.samples.dir"));
  static final Path LEGACY_JACKSON = Path.of(required("honeyhive.it.legacy.jackson.dir"));
  static final Path WORK = Path.of(required("honeyhive.it.work.dir"));
  static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

  private ChildJvm() {}

  private static String required(String property) {
    String v = System.getProperty(property);
    if (v == null) {
      throw new IllegalStateException(property + " is not set: run the integration tests with mvn verify");
    }
    return v;
  }

  /** A fresh, empty directory under target/it-work. */
  static Path workDir(String name) {
    Path dir = WORK.resolve(name);
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where a class of ours was loaded from: a directory or jar of the reactor. */
  static Path locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** honeyhive-annotations alone: all an application needs to compile. */
  static Path annotations() {
    return locationOf(TraceChain.class);
  }

  /**
   * What the sample compiles against: it calls the programmatic API ({@code HoneyHive.taskWrapping},
   * {@code currentSpan()}) as well as using the annotations. At run time the agent provides both.
   */
  static Path[] sampleCompileClasspath() {
    return new Path[] {annotations(), locationOf(ai.honeyhive.HoneyHive.class),
        locationOf(ai.honeyhive.transport.model.EventType.class)};
  }

  /** Every .java file under {@code dir}. */
  static List<Path> sources(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Plain javac, in process, with no options but the class path: no weaving, no -g, no -parameters. */
  static Path javac(List<Path> sources, Path out, Path... classpath) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "--release", "17",
        "-cp", join(List.of(classpath))));
    sources.forEach(s -> args.add(s.toString()));
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
    assertThat(status).as("javac %s%n%s", args, diagnostics).isZero();
    return out;
  }

  /** ajc binary weaving with the aspect library, as the aspectj-maven-plugin does in a user's build. */
  static Path ajcWeave(Path classes, Path out) {
    Path aspects = locationOf(TraceAspect.class);
    String classpath = System.getProperty("java.class.path");
    MessageHandler messages = new MessageHandler();
    new org.aspectj.tools.ajc.Main().run(new String[] {
        "-inpath", classes.toString(), "-aspectpath", aspects.toString(), "-classpath", classpath,
        "-d", out.toString(), "-17", "-Xlint:ignore"}, messages);
    assertThat(messages.getMessages(IMessage.ERROR, true)).as("ajc errors").isEmpty();
    return out;
  }

  static String join(List<Path> paths) {
    return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
  }

  /** What a child JVM did. */
  record Result(int exitCode, String stdout, String stderr, Path dir) {
    List<String> stderrLines() {
      return stderr.lines().toList();
    }

    /** The sessions the JSONL exporter appended to {@code file}, one batch per line. */
    List<JsonNode> batches(String file) {
      Path p = dir.resolve(file);
      if (!Files.exists(p)) {
        return List.of();
      }
      try {
        List<JsonNode> result = new ArrayList<>();
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
          result.add(JsonMappers.mapper().readTree(line));
        }
        return result;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  /** A child JVM to start. */
  static final class Launch {
    private Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    private final List<String> jvmArgs = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    private final List<Path> classpath = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private final List<String> args = new ArrayList<>();
    private final String mainClass;
    private final Path dir;

    Launch(Path dir, String mainClass) {
      this.dir = dir;
      this.mainClass = mainClass;
      // traces go to a file in the run's directory; the console tree stays on too
      env.put("HH_EXPORT_FILE", "traces.jsonl");
    }

    Launch java(Path javaExecutable) {
      this.java = javaExecutable;
      return this;
    }

    Launch agent() {
      return agent(null);
    }

    Launch agent(String argument) {
      jvmArgs.add("-javaagent:" + AGENT_JAR + (argument == null ? "" : "=" + argument));
      return this;
    }

    Launch jvmArg(String arg) {
      jvmArgs.add(arg);
      return this;
    }

    Launch classpath(Path... entries) {
      classpath.addAll(List.of(entries));
      return this;
    }

    Launch env(String name, String value) {
      env.put(name, value);
      return this;
    }

    Launch arg(String arg) {
      args.add(arg);
      return this;
    }

    Result run() {
      List<String> command = new ArrayList<>();
      command.add(java.toString());
      command.addAll(jvmArgs);
      command.add("-cp");
      command.add(join(classpath));
      command.add(mainClass);
      command.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
      // the child sees only the settings the test gives it
      pb.environment().keySet().removeIf(k -> k.startsWith("HH_") || k.equals("JAVA_TOOL_OPTIONS")
          || k.equals("JDK_JAVA_OPTIONS"));
      pb.environment().putAll(env);
      Path out = dir.resolve("stdout.txt");
      Path err = dir.resolve("stderr.txt");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      try {
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError("child JVM did not finish: " + command);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err), dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
