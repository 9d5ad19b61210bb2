package ai.honeyhive.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import ai.honeyhive.spring.internal.TracerLifecycle;
import ai.honeyhive.test.HoneyHiveStandIn;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A request still running when the context closes finishes during the web server's graceful
 * shutdown, and its session reaches HoneyHive: the tracer shuts down after the server has drained.
 */
class GracefulShutdownDeliveryTest {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class WebApp {
    final CountDownLatch closing = new CountDownLatch(1);

    @Bean
    AssistantApp.Slow slow() {
      return new AssistantApp.Slow();
    }

    @Bean
    SlowController slowController(AssistantApp.Slow slow) {
      return new SlowController(slow);
    }

    @EventListener
    void onClose(ContextClosedEvent e) {
      closing.countDown();
    }
  }

  @RestController
  static class SlowController {
    private final AssistantApp.Slow slow;

    SlowController(AssistantApp.Slow slow) {
      this.slow = slow;
    }

    @GetMapping("/slow")
    String slow(@RequestParam String input) throws InterruptedException {
      return slow.work(input);
    }
  }

  @Test
  @Timeout(90)
  void aRequestRunningAtContextCloseIsDelivered() throws Exception {
    try (HoneyHiveStandIn honeyhive = HoneyHiveStandIn.start()) {
      ConfigurableApplicationContext ctx = new SpringApplicationBuilder(WebApp.class).properties(
          "server.port=0", "server.shutdown=graceful", "spring.lifecycle.timeout-per-shutdown-phase=30s",
          "honeyhive.api.key=hh-test-key", "honeyhive.api.url=" + honeyhive.url(), "honeyhive.project=shutdown-test",
          "honeyhive.batch.delay.ms=60000", "honeyhive.shutdown.timeout.ms=20000",
          "spring.ai.openai.api-key=sk-unused").run();
      int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
      WebApp app = ctx.getBean(WebApp.class);
      AssistantApp.Slow slow = ctx.getBean(AssistantApp.Slow.class);

      CompletableFuture<HttpResponse<String>> response = HttpClient.newHttpClient().sendAsync(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow?input=late")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(slow.awaitEntered()).isTrue();

      Thread closer = new Thread(ctx::close, "closer");
      closer.start();
      assertThat(app.closing.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(WireEvents.of(honeyhive)).isEmpty();   // nothing sent yet: the batch delay is a minute
      // while graceful shutdown holds the request, the tracer is not shut down (its phase comes later)
      TracerLifecycle lifecycle = ctx.getBean(TracerLifecycle.class);
      await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(lifecycle::isRunning);
      slow.release();
      closer.join(60_000);
      assertThat(closer.isAlive()).isFalse();

      assertThat(response.get(30, TimeUnit.SECONDS).body()).isEqualTo("done late");
      assertThat(WireEvents.of(honeyhive)).hasSize(1);
      JsonNode event = WireEvents.of(honeyhive).get(0);
      assertThat(event.path("event_name").asText()).isEqualTo("slow_request");
      assertThat(event.path("inputs").path("input").asText()).isEqualTo("late");
      assertThat(event.path("outputs").path("result").asText()).isEqualTo("done late");
      assertThat(event.path("metadata").path("honeyhive_incomplete").isMissingNode()).isTrue();
    }
  }
}
