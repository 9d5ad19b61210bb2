package ai.honeyhive.otlp;

import ai.honeyhive.SpanKind;
import ai.honeyhive.Tracer;
import ai.honeyhive.config.HoneyHiveConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Run in a child JVM by {@link SecretsNeverLoggedTest}: traces one session and sends it over OTLP. */
public final class ChildOtlpMain {
  private ChildOtlpMain() {}

  public static void main(String[] args) {
    OtlpExporter exporter = OtlpExporter.builder()
        .endpoint(URI.create(args[0]))
        .apiKey(System.getenv("CHILD_KEY"))
        .header("X-Collector-Token", System.getenv("CHILD_TOKEN"))
        .build();
    System.out.println("exporter: " + exporter);
    Tracer tracer = Tracer.builder()
        .config(HoneyHiveConfig.builder().project("child").build())
        .exporter(exporter)
        .build();
    tracer.trace(SpanKind.CHAIN, "child-chain", Map.of("q", 1), span -> "ok");
    if (!tracer.shutdown(Duration.ofSeconds(20))) {
      System.exit(3);
    }
  }
}
