package ai.honeyhive;

import java.util.Map;

/**
 * A program that traces {@code args[0]} sessions of three events on the process-wide tracer as
 * fast as it can and returns from main at once: the shutdown hook has to deliver them. Run in a
 * child JVM by {@link ExitDeliveryUnderLatencyTest}.
 */
public final class ChildManySessionsMain {
  private ChildManySessionsMain() {}

  public static void main(String[] args) {
    int sessions = Integer.parseInt(args[0]);
    Tracer tracer = HoneyHive.tracer();
    for (int i = 0; i < sessions; i++) {
      int n = i;
      tracer.trace(SpanKind.CHAIN, "exit-session-" + n, Map.of("n", n), outer -> {
        tracer.trace(SpanKind.TOOL, "exit-tool-" + n, Map.of(), inner -> "found");
        return tracer.trace(SpanKind.MODEL, "exit-model-" + n, Map.of(), inner -> "answer");
      });
    }
    System.out.println("child produced " + sessions + " sessions; sent before exit: " + tracer.exportStats().sent());
  }
}
