package ai.honeyhive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for the HoneyHive API on the JDK's HttpServer: it records each
 * {@code POST /events/batch} and answers 200, optionally holding every answer until the test
 * opens its gate.
 */
final class RecordingApiServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Semaphore arrivals = new Semaphore(0);
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile long answerDelayMillis;

  record Received(String method, String path, String authorization, JsonNode body) {}

  RecordingApiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "recording-api-server");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Delays every answer by {@code millis}, as a distant API would. */
  void delayAnswers(long millis) {
    answerDelayMillis = millis;
  }

  /** Holds every answer until {@link #open()}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  void open() {
    gate.countDown();
  }

  boolean isHolding() {
    return gate.getCount() > 0;
  }

  void awaitRequests(int n, long timeout, TimeUnit unit) throws InterruptedException {
    if (!arrivals.tryAcquire(n, timeout, unit)) {
      throw new AssertionError(n + " requests did not arrive within " + timeout + " " + unit + "; got " + received.size());
    }
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** The names of the traced events received, in order; the {@code session} events announcing sessions are {@link #sessionNames()}. */
  List<String> eventNames() {
    List<String> names = new ArrayList<>();
    for (Received r : received) {
      r.body().path("events").forEach(e -> {
        if (!"session".equals(e.path("event_type").asText())) {
          names.add(e.path("event_name").asText());
        }
      });
    }
    return names;
  }

  /** The sessions received: the names of the {@code session} events of multi-session requests. */
  List<String> sessionNames() {
    List<String> names = new ArrayList<>();
    for (Received r : received) {
      r.body().path("events").forEach(e -> {
        if ("session".equals(e.path("event_type").asText())) {
          names.add(e.path("event_name").asText());
        }
      });
    }
    return names;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          exchange.getRequestHeaders().getFirst("Authorization"),
          body.length == 0 ? null : JSON.readTree(body)));
      arrivals.release();
      try {
        gate.await(30, TimeUnit.SECONDS);
        if (answerDelayMillis > 0) {
          Thread.sleep(answerDelayMillis);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] answer = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  @Override
  public void close() {
    open();
    server.stop(0);
  }
}
