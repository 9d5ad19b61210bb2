package ai.honeyhive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a real child JVM, with this JVM's class path, for tests of what happens when
 * a process exits. The parent's {@code HH_*} variables are removed so only {@code environment}
 * configures the child's tracer; stdout and stderr are drained together (a full pipe would stall
 * the child), and a child still running after 60 s is killed.
 */
final class ChildJvm {
  private static final long EXIT_TIMEOUT_SECONDS = 60;

  /** How the child ended: whether it exited in time, its exit code (-1 if killed), and its output. */
  record Result(boolean exited, int exitValue, String output) {}

  private ChildJvm() {}

  static Result run(Class<?> mainClass, List<String> jvmOptions, List<String> args, Map<String, String> environment)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("HH_"));
    pb.environment().putAll(environment);
    pb.redirectErrorStream(true);

    Process child = pb.start();
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(child.getInputStream()));
    boolean exited = child.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!exited) {
      child.destroyForcibly();
    }
    String out = output.get(10, TimeUnit.SECONDS);
    return new Result(exited, exited ? child.exitValue() : -1, out);
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }
}
