package ai.honeyhive.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.Scope;
import ai.honeyhive.SpanKind;
import ai.honeyhive.TestTracers;
import ai.honeyhive.Tracer;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.Event;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ready-made hooks against a real server on 127.0.0.1, which continues what it receives with
 * its own tracer: what went over the wire, and what the server's events joined.
 */
@Timeout(60)
class HttpHooksTest {
  private final InMemoryExporter callerOut = new InMemoryExporter();
  private final InMemoryExporter serverOut = new InMemoryExporter();
  private final Tracer caller = TestTracers.synchronous(callerOut);
  private final Tracer serverTracer = TestTracers.synchronous(serverOut);
  private final BlockingQueue<Map<String, List<String>>> received = new LinkedBlockingQueue<>();
  private HttpServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/tool", exchange -> {
      try (exchange) {
        received.add(Map.copyOf(exchange.getRequestHeaders()));
        String answer;
        try (Scope s = Propagation.extract(exchange.getRequestHeaders()).makeCurrent(serverTracer)) {
          answer = serverTracer.trace(SpanKind.TOOL, "remote-tool", Map.of(), span -> "ok");
        }
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tool");
  }

  private static String header(Map<String, List<String>> headers, String name) {
    return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
  }

  @Test
  void theJdkClientSendsTheContextAndTheServersEventIsAChildOfTheCallingEvent() throws Exception {
    HttpClient client = PropagatingHttpClient.wrap(HttpClient.newHttpClient());
    String callingEvent = caller.trace(SpanKind.CHAIN, "agent", Map.of(), span -> {
      HttpRequest request = HttpRequest.newBuilder(uri()).header("baggage", "tenant=acme, session_id=stale").GET().build();
      assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("ok");
      return span.spanId();
    });

    Map<String, List<String>> headers = received.poll(10, TimeUnit.SECONDS);
    String sessionId = callerOut.events().get(0).sessionId();
    assertThat(header(headers, "traceparent")).startsWith("00-" + sessionId.replace("-", "") + "-").endsWith("-01");
    assertThat(header(headers, "baggage"))
        .as("the application's own entry is kept, a stale one of ours replaced")
        .isEqualTo("tenant=acme,session_id=" + sessionId + ",parent_id=" + callingEvent + ",project=p,source=dev");
    Event remote = serverOut.events().get(0);
    assertThat(remote.sessionId()).isEqualTo(sessionId);
    assertThat(remote.parentId()).isEqualTo(callingEvent);
  }

  @Test
  void theJdkClientCarriesTheContextOfTheThreadThatSentAnAsyncRequest() throws Exception {
    HttpClient client = PropagatingHttpClient.wrap(HttpClient.newHttpClient());
    String callingEvent = caller.trace(SpanKind.CHAIN, "agent", Map.of(), span -> {
      client.sendAsync(HttpRequest.newBuilder(uri()).build(), HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);
      return span.spanId();
    });
    assertThat(header(received.poll(10, TimeUnit.SECONDS), "baggage")).contains("parent_id=" + callingEvent);
  }

  @Test
  void outsideATraceTheJdkClientSendsTheRequestUnchanged() throws Exception {
    HttpClient client = PropagatingHttpClient.wrap(HttpClient.newHttpClient());
    client.send(HttpRequest.newBuilder(uri()).header("baggage", "tenant=acme").build(), HttpResponse.BodyHandlers.ofString());
    Map<String, List<String>> headers = received.poll(10, TimeUnit.SECONDS);
    assertThat(header(headers, "traceparent")).isNull();
    assertThat(header(headers, "baggage")).isEqualTo("tenant=acme");
    assertThat(serverOut.events()).extracting(Event::parentId).doesNotContainNull();
    assertThat(serverOut.events().get(0).parentId()).as("a session of its own").isEqualTo(serverOut.events().get(0).sessionId());
  }

  @Test
  void theHttpClient5InterceptorSendsTheContextAndMergesBaggage() throws Exception {
    try (CloseableHttpClient client = HttpClients.custom().addRequestInterceptorFirst(PropagationInterceptor.create()).build()) {
      String callingEvent = caller.trace(SpanKind.CHAIN, "agent", Map.of(), span -> {
        HttpGet get = new HttpGet(uri());
        get.addHeader("baggage", "tenant=acme");
        get.addHeader("baggage", "parent_id=11111111-1111-4111-8111-111111111111");
        String body = client.execute(get, response -> EntityUtils.toString(response.getEntity()));
        assertThat(body).isEqualTo("ok");
        return span.spanId();
      });

      Map<String, List<String>> headers = received.poll(10, TimeUnit.SECONDS);
      String sessionId = callerOut.events().get(0).sessionId();
      assertThat(headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("baggage")).findFirst().orElseThrow().getValue())
          .as("one baggage header").containsExactly("tenant=acme,session_id=" + sessionId + ",parent_id=" + callingEvent + ",project=p,source=dev");
      assertThat(header(headers, "traceparent")).startsWith("00-" + sessionId.replace("-", ""));
      assertThat(serverOut.events().get(0).parentId()).isEqualTo(callingEvent);
    }
  }
}
