package ai.honeyhive;

import java.util.Map;

/**
 * A program that traces a few sessions on the process-wide tracer and returns from main, leaving
 * them queued: the shutdown hook has to deliver them. Run in a child JVM by
 * {@link ShutdownHookDeliveryTest}.
 */
public final class ChildTracingMain {
  private ChildTracingMain() {}

  public static void main(String[] args) {
    Tracer tracer = HoneyHive.tracer();
    for (int i = 0; i < 3; i++) {
      int n = i;
      tracer.trace(SpanKind.CHAIN, "child-session-" + n, Map.of("n", n),
          outer -> tracer.trace(SpanKind.TOOL, "child-tool-" + n, Map.of(), inner -> "done"));
    }
    System.out.println("child queued " + tracer.exportStats().queued() + " sent " + tracer.exportStats().sent());
  }
}
