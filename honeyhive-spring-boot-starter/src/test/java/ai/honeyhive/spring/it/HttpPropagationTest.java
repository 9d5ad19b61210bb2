package ai.honeyhive.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.honeyhive.Tracer;
import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.annotations.TraceTool;
import ai.honeyhive.test.HoneyHiveStandIn;
import ai.honeyhive.transport.model.Event;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * W3C trace context through a real servlet application: a request carrying a caller's
 * {@code traceparent}/{@code baggage} continues the caller's session under the calling event; a call
 * made with a {@code RestClient} from Boot's builder carries the current context to a server on
 * 127.0.0.1.
 */
@SpringBootTest(classes = HttpPropagationTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@Timeout(60)
class HttpPropagationTest {
  static final StandIns SERVERS = StandIns.honeyHiveOnly();
  static final HoneyHiveStandIn HONEYHIVE = SERVERS.honeyhive();
  static final HttpServer DOWNSTREAM;
  static final List<Map<String, List<String>>> RECEIVED = new CopyOnWriteArrayList<>();

  static {
    try {
      DOWNSTREAM = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      DOWNSTREAM.createContext("/", exchange -> {
        RECEIVED.add(Map.copyOf(exchange.getRequestHeaders()));
        byte[] ok = "ok".getBytes();
        exchange.sendResponseHeaders(200, ok.length);
        exchange.getResponseBody().write(ok);
        exchange.close();
      });
      DOWNSTREAM.start();
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    SERVERS.register(r);
  }

  @AfterAll
  static void stop() {
    SERVERS.close();
    DOWNSTREAM.stop(0);
  }

  @LocalServerPort
  int port;
  @Autowired
  Caller caller;
  @Autowired
  Tracer tracer;

  @Test
  void anIncomingRequestWithTraceContextContinuesTheCallersSessionUnderTheCallingEvent() throws Exception {
    String session = UUID.randomUUID().toString();
    String callingEvent = UUID.randomUUID().toString();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/work?item=invoice"))
        .header("traceparent", "00-" + session.replace("-", "") + "-" + callingEvent.replace("-", "").substring(16) + "-01")
        .header("baggage", "session_id=" + session + ",parent_id=" + callingEvent + ",project=spring-test,source=dev,"
            + "tenant=acme")
        .build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.body()).isEqualTo("done invoice");
    assertThat(tracer.flush(Duration.ofSeconds(10))).isTrue();

    Event handle = await().until(() -> SERVERS.named("handle_work"), e -> e != null);
    assertThat(handle.sessionId()).isEqualTo(session);
    assertThat(handle.parentId()).isEqualTo(callingEvent);
    Event step = await().until(() -> SERVERS.named("work_step"), e -> e != null);
    assertThat(step.sessionId()).isEqualTo(session);
    assertThat(step.parentId()).isEqualTo(handle.eventId());
  }

  @Test
  void aRequestWithoutTraceContextStartsASessionOfItsOwn() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/work?item=plain")).build();
    assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body())
        .isEqualTo("done plain");
    assertThat(tracer.flush(Duration.ofSeconds(10))).isTrue();
    Event handle = await().until(() -> HONEYHIVE.events().stream()
        .filter(e -> "handle_work".equals(e.eventName()) && "plain".equals(e.inputs().get("item")))
        .findFirst().orElse(null), e -> e != null);
    assertThat(handle.parentId()).isIn(null, handle.sessionId());
  }

  @Test
  void aRestClientCallFromATracedMethodCarriesTheCurrentContext() {
    RECEIVED.clear();
    String url = "http://127.0.0.1:" + DOWNSTREAM.getAddress().getPort() + "/downstream";
    assertThat(caller.callOut(url)).isEqualTo("ok");
    assertThat(tracer.flush(Duration.ofSeconds(10))).isTrue();

    Event call = await().until(() -> SERVERS.named("call_out"), e -> e != null);
    assertThat(RECEIVED).hasSize(1);
    Map<String, List<String>> headers = RECEIVED.get(0);
    String traceparent = header(headers, "traceparent");
    String baggage = header(headers, "baggage");
    assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    assertThat(baggage).contains("session_id=" + call.sessionId(), "parent_id=" + call.eventId(),
        "project=spring-test");
    // a baggage entry the application set itself is kept
    assertThat(baggage).contains("tenant=acme");
  }

  @Test
  void aWebClientRequestCarriesTheContextOfTheTracedCallThatBuiltItWhereverItIsSent() {
    RECEIVED.clear();
    String url = "http://127.0.0.1:" + DOWNSTREAM.getAddress().getPort() + "/reactive";
    Mono<String> prepared = caller.prepare(url);   // built inside the traced call, sent after it returned
    assertThat(prepared.subscribeOn(Schedulers.boundedElastic()).block(Duration.ofSeconds(10))).isEqualTo("ok");
    assertThat(tracer.flush(Duration.ofSeconds(10))).isTrue();

    Event prepare = await().until(() -> SERVERS.named("prepare_call"), e -> e != null);
    assertThat(RECEIVED).hasSize(1);
    assertThat(header(RECEIVED.get(0), "baggage"))
        .contains("session_id=" + prepare.sessionId(), "parent_id=" + prepare.eventId());
  }

  @Test
  void aRestClientCallOutsideATraceGoesOutUnchanged() {
    RECEIVED.clear();
    String url = "http://127.0.0.1:" + DOWNSTREAM.getAddress().getPort() + "/untraced";
    assertThat(caller.untraced(url)).isEqualTo("ok");
    assertThat(RECEIVED).hasSize(1);
    assertThat(header(RECEIVED.get(0), "traceparent")).isNull();
    assertThat(header(RECEIVED.get(0), "baggage")).isEqualTo("tenant=acme");
  }

  private static String header(Map<String, List<String>> headers, String name) {
    return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    Steps steps() {
      return new Steps();
    }

    @Bean
    Worker worker(Steps steps) {
      return new Worker(steps);
    }

    @Bean
    WorkController workController(Worker worker) {
      return new WorkController(worker);
    }

    @Bean
    Caller caller(RestClient.Builder builder, WebClient.Builder reactive) {
      return new Caller(builder.defaultHeader("baggage", "tenant=acme").build(), reactive.build());
    }
  }

  @RestController
  public static class WorkController {
    private final Worker worker;

    WorkController(Worker worker) {
      this.worker = worker;
    }

    @GetMapping("/work")
    public String work(@RequestParam String item) {
      return worker.handle(item);
    }
  }

  public static class Worker {
    private final Steps steps;

    Worker(Steps steps) {
      this.steps = steps;
    }

    @TraceChain(name = "handle_work")
    public String handle(String item) {
      return "done " + steps.step(item);
    }
  }

  public static class Steps {
    @TraceTool(name = "work_step")
    public String step(String item) {
      return item;
    }
  }

  public static class Caller {
    private final RestClient client;
    private final WebClient reactive;

    Caller(RestClient client, WebClient reactive) {
      this.client = client;
      this.reactive = reactive;
    }

    @TraceChain(name = "prepare_call")
    public Mono<String> prepare(String url) {
      return reactive.get().uri(url).retrieve().bodyToMono(String.class);
    }

    @TraceChain(name = "call_out")
    public String callOut(String url) {
      return client.get().uri(url).retrieve().body(String.class);
    }

    public String untraced(String url) {
      return client.get().uri(url).retrieve().body(String.class);
    }
  }
}
