package ai.honeyhive.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.honeyhive.Tracer;
import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.spring.internal.PropagationServletFilter;
import ai.honeyhive.spring.internal.PropagationWebFilter;
import ai.honeyhive.test.HoneyHiveStandIn;
import ai.honeyhive.transport.model.Event;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A real WebFlux application: a request carrying a caller's headers continues the caller's session. */
@SpringBootTest(classes = ReactivePropagationTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.main.web-application-type=reactive")
@DirtiesContext
@Timeout(60)
class ReactivePropagationTest {
  static final StandIns SERVERS = StandIns.honeyHiveOnly();
  static final HoneyHiveStandIn HONEYHIVE = SERVERS.honeyhive();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    SERVERS.register(r);
  }

  @AfterAll
  static void stop() {
    SERVERS.close();
  }

  @LocalServerPort
  int port;
  @Autowired
  Tracer tracer;
  @Autowired
  ApplicationContext context;

  @Test
  void theWebFilterIsRegisteredAndTheServletFilterIsNot() {
    assertThat(context.getBeansOfType(PropagationWebFilter.class)).hasSize(1);
    assertThat(context.getBeansOfType(PropagationServletFilter.class)).isEmpty();
  }

  @Test
  void anIncomingRequestWithTraceContextContinuesTheCallersSessionUnderTheCallingEvent() throws Exception {
    String session = UUID.randomUUID().toString();
    String callingEvent = UUID.randomUUID().toString();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/work?item=order"))
        .header("traceparent", "00-" + session.replace("-", "") + "-" + callingEvent.replace("-", "").substring(16) + "-01")
        .header("baggage", "session_id=" + session + ",parent_id=" + callingEvent + ",project=spring-test")
        .build();
    assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body())
        .isEqualTo("done order");
    assertThat(tracer.flush(Duration.ofSeconds(10))).isTrue();

    Event handle = await().until(() -> HONEYHIVE.events().stream()
        .filter(e -> "reactive_work".equals(e.eventName())).findFirst().orElse(null), e -> e != null);
    assertThat(handle.sessionId()).isEqualTo(session);
    assertThat(handle.parentId()).isEqualTo(callingEvent);
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    Worker reactiveWorker() {
      return new Worker();
    }

    @Bean
    WorkController reactiveWorkController(Worker worker) {
      return new WorkController(worker);
    }
  }

  @RestController
  public static class WorkController {
    private final Worker worker;

    WorkController(Worker worker) {
      this.worker = worker;
    }

    @GetMapping("/work")
    public Mono<String> work(@RequestParam String item) {
      return Mono.just(worker.handle(item));
    }
  }

  public static class Worker {
    @TraceChain(name = "reactive_work")
    public String handle(String item) {
      return "done " + item;
    }
  }
}
