package ai.honeyhive.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.SpanKind;
import ai.honeyhive.Tracer;
import ai.honeyhive.spring.boot.HoneyHiveAutoConfiguration;
import ai.honeyhive.spring.internal.ExportHealthIndicator;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The health contributor says DOWN, with the reason, when the API rejects the key. */
class ExportHealthTest {
  @Test
  @Timeout(60)
  void aRejectedKeyIsReportedDownAndTheKeyIsNotShown() throws Exception {
    HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    api.createContext("/", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        byte[] body = "{\"error\":\"invalid api key\"}".getBytes();
        exchange.sendResponseHeaders(401, body.length);
        exchange.getResponseBody().write(body);
      }
    });
    api.start();
    try {
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(HoneyHiveAutoConfiguration.class))
          .withPropertyValues("honeyhive.api.key=hh-wrong-key-123",
              "honeyhive.api.url=http://127.0.0.1:" + api.getAddress().getPort(),
              "honeyhive.project=health", "honeyhive.batch.delay.ms=20")
          .run(ctx -> {
            ExportHealthIndicator health = ctx.getBean(ExportHealthIndicator.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            Tracer tracer = ctx.getBean(Tracer.class);
            tracer.trace(SpanKind.CHAIN, "step", Map.of(), span -> "ok");
            tracer.flush(Duration.ofSeconds(10));
            org.awaitility.Awaitility.await().until(() -> tracer.exportStats().rejected() > 0);
            Health h = health.health();
            assertThat(h.getStatus()).isEqualTo(Status.DOWN);
            assertThat(String.valueOf(h.getDetails().get("reason"))).contains("rejected the API key");
            assertThat(h.toString()).doesNotContain("hh-wrong-key-123");
            assertThat(health.health().getStatus()).as("a wrong key stays wrong: still DOWN").isEqualTo(Status.DOWN);
          });
    } finally {
      api.stop(0);
    }
  }
}
