package ai.honeyhive.otlp;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP/HTTP receiver on 127.0.0.1 for tests: records every request (path, headers, body, when)
 * and answers from a script of responses, then 200 with an empty {@code ExportTraceServiceResponse}.
 */
final class OtlpReceiver implements AutoCloseable {
  record Received(String method, String path, Map<String, List<String>> headers, byte[] body, long atNanos,
      int answered) {
    String header(String name) {
      for (Map.Entry<String, List<String>> h : headers.entrySet()) {
        if (h.getKey().equalsIgnoreCase(name)) {
          return h.getValue().get(0);
        }
      }
      return null;
    }

    ExportTraceServiceRequest decode() {
      try {
        return ExportTraceServiceRequest.parseFrom(body);
      } catch (IOException e) {
        throw new AssertionError("not an OTLP ExportTraceServiceRequest: " + e, e);
      }
    }
  }

  record Answer(int status, Map<String, String> headers, byte[] body) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();

  OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Answer a = script.poll();
      int status = a == null ? 200 : a.status();
      received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          Map.copyOf(exchange.getRequestHeaders()), body, System.nanoTime(), status));
      if (a != null) {
        a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      }
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      byte[] answer = a == null ? new byte[0] : a.body();
      exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        exchange.getResponseBody().write(answer);
      }
      exchange.close();
    });
    server.start();
  }

  /** Answers the next request with {@code status} and these headers. */
  OtlpReceiver then(int status, Map<String, String> headers) {
    return then(status, headers, new byte[0]);
  }

  /** Answers the next request with {@code status}, these headers and this body. */
  OtlpReceiver then(int status, Map<String, String> headers, byte[] body) {
    script.add(new Answer(status, headers, body));
    return this;
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** Every span of every request answered with success, in order: what the receiver accepted. */
  List<Span> spans() {
    List<Span> spans = new ArrayList<>();
    for (Received r : received) {
      if (r.answered() / 100 != 2) {
        continue;
      }
      for (ResourceSpans rs : r.decode().getResourceSpansList()) {
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          spans.addAll(ss.getSpansList());
        }
      }
    }
    return spans;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
