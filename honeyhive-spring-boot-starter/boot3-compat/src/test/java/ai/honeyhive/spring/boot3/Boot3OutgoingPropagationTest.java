package ai.honeyhive.spring.boot3;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.Context;
import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.test.HoneyHiveStandIn;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * On Boot 3.5 the {@code RestClient} and {@code RestTemplate} built from Boot's builders carry the
 * current HoneyHive context to a server on 127.0.0.1, as on Boot 4, though Boot 3 names its
 * customizer interfaces differently.
 */
@SpringBootTest(classes = Boot3OutgoingPropagationTest.App.class)
@DirtiesContext
@Timeout(60)
class Boot3OutgoingPropagationTest {
  static final HoneyHiveStandIn HONEYHIVE = HoneyHiveStandIn.start();
  static final List<Headers> RECEIVED = new CopyOnWriteArrayList<>();
  static final HttpServer SERVER;

  static {
    try {
      SERVER = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
    SERVER.createContext("/", exchange -> {
      try (exchange) {
        RECEIVED.add(exchange.getRequestHeaders());
        byte[] body = "ok".getBytes();
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
    });
    SERVER.start();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    r.add("honeyhive.api.key", () -> "hh-test-key");
    r.add("honeyhive.api.url", () -> HONEYHIVE.url().toString());
    r.add("honeyhive.project", () -> "boot3");
    r.add("honeyhive.batch.delay.ms", () -> "20");
    r.add("spring.ai.openai.api-key", () -> "sk-unused");
  }

  @AfterAll
  static void stop() {
    SERVER.stop(0);
    HONEYHIVE.close();
  }

  @Autowired
  Caller caller;

  @Test
  void restClientAndRestTemplateRequestsFromATracedMethodCarryItsSessionAndEvent() {
    String url = "http://127.0.0.1:" + SERVER.getAddress().getPort() + "/hello";
    RECEIVED.clear();
    Call call = caller.callBoth(url);
    assertThat(RECEIVED).hasSize(2);
    for (Headers h : RECEIVED) {
      assertThat(h.getFirst("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
      assertThat(h.getFirst("baggage")).contains("session_id=" + call.sessionId(), "parent_id=" + call.eventId());
    }
  }

  @Test
  void outsideATraceTheRequestGoesOutUnchanged() {
    String url = "http://127.0.0.1:" + SERVER.getAddress().getPort() + "/plain";
    RECEIVED.clear();
    caller.plain(url);
    assertThat(RECEIVED).hasSize(1);
    assertThat(RECEIVED.get(0).getFirst("traceparent")).isNull();
    assertThat(RECEIVED.get(0).getFirst("baggage")).isNull();
  }

  record Call(String sessionId, String eventId) {}

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    Caller caller(RestClient.Builder restClient, RestTemplateBuilder restTemplate) {
      return new Caller(restClient.build(), restTemplate.build());
    }
  }

  public static class Caller {
    private final RestClient restClient;
    private final org.springframework.web.client.RestTemplate restTemplate;

    Caller(RestClient restClient, org.springframework.web.client.RestTemplate restTemplate) {
      this.restClient = restClient;
      this.restTemplate = restTemplate;
    }

    @TraceChain
    public Call callBoth(String url) {
      restClient.get().uri(url).retrieve().body(String.class);
      restTemplate.getForObject(url, String.class);
      Context here = Context.current();
      return new Call(here.sessionId().orElseThrow(), here.spanId().orElseThrow());
    }

    public void plain(String url) {
      restClient.get().uri(url).retrieve().body(String.class);
    }
  }
}
