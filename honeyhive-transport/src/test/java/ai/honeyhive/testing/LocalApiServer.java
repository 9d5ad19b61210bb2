package ai.honeyhive.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP/1.1 server on 127.0.0.1 that answers as scripted and can misbehave on purpose:
 * error statuses, {@code Retry-After}, a TCP reset, a connection closed without an answer, or a
 * response that never comes until the test releases it. It records every request with what it
 * answered, so tests can check what went over the wire.
 *
 * <p>Written on plain sockets rather than the JDK's HttpServer because only a socket can send a
 * real reset (SO_LINGER 0). Keep-alive connections, Content-Length and chunked request bodies.
 */
public final class LocalApiServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServerSocket server;
  private final Thread acceptor;
  private final ConcurrentLinkedQueue<Function<Request, Reply>> script = new ConcurrentLinkedQueue<>();
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Exchange> arrivals = new LinkedBlockingQueue<>();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile Function<Request, Reply> fallback = LocalApiServer::acceptBatch;

  private LocalApiServer() throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    acceptor = new Thread(this::acceptLoop, "local-api-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static LocalApiServer start() {
    try {
      return new LocalApiServer();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Answers the next requests with these replies, in order; then the fallback answers. */
  public LocalApiServer enqueue(Reply... replies) {
    for (Reply r : replies) {
      script.add(request -> r);
    }
    return this;
  }

  /** Answers the next request with whatever {@code reply} makes of it. */
  public LocalApiServer enqueue(Function<Request, Reply> reply) {
    script.add(reply);
    return this;
  }

  /** How requests are answered once the script is used up; default {@link #acceptBatch}. */
  public LocalApiServer fallback(Function<Request, Reply> handler) {
    this.fallback = handler;
    return this;
  }

  /** Every request so far with the reply it got, in arrival order. */
  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  public List<Request> requests() {
    List<Request> r = new ArrayList<>();
    for (Exchange e : exchanges) {
      r.add(e.request());
    }
    return r;
  }

  /** Waits for the next request to arrive (before it is answered). */
  public Request takeRequest(long timeout, TimeUnit unit) throws InterruptedException {
    Exchange e = arrivals.poll(timeout, unit);
    if (e == null) {
      throw new AssertionError("no request arrived within " + timeout + " " + unit);
    }
    return e.request();
  }

  /**
   * The ids of every event the server reported created: all events of a 2xx-answered batch, and
   * the {@code event_ids} of a scripted partial 500. Repeats are kept, so exactly-once can be
   * checked.
   */
  public List<String> createdEventIds() {
    List<String> ids = new ArrayList<>();
    for (Exchange e : exchanges) {
      if (!e.request().path().equals("/events/batch") || e.reply().kind != Reply.Kind.RESPOND) {
        continue;
      }
      if (e.reply().status / 100 == 2) {
        ids.addAll(e.request().eventIds());
      } else if (e.reply().createdIds != null) {
        ids.addAll(e.reply().createdIds);
      }
    }
    return ids;
  }

  @Override
  public void close() {
    closed.countDown();
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  /** The sessions announced by a {@code session} event in a batch answered 2xx, repeats kept. */
  public List<String> announcedSessionIds() {
    List<String> ids = new ArrayList<>();
    for (Exchange e : exchanges) {
      if (e.request().path().equals("/events/batch") && e.reply().kind == Reply.Kind.RESPOND
          && e.reply().status / 100 == 2) {
        ids.addAll(e.request().sessionEventIds());
      }
    }
    return ids;
  }

  /** Answers a {@code POST /events/batch} as the API does on success. */
  public static Reply acceptBatch(Request request) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode ids = body.putArray("event_ids");
    request.eventIds().forEach(ids::add);
    JsonNode json = request.json();
    JsonNode props = json == null ? null : json.path("session_properties").get("session_id");
    if (props != null) {
      body.put("session_id", props.asText());
    }
    body.put("success", true);
    return Reply.json(200, body.toString());
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        sockets.add(s);
        Thread t = new Thread(() -> serve(s), "local-api-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (true) {
        Request request = readRequest(in);
        if (request == null) {
          return;
        }
        long received = System.nanoTime();
        Function<Request, Reply> scripted = script.poll();
        Reply reply = (scripted != null ? scripted : fallback).apply(request);
        Exchange exchange = new Exchange(request, reply, received);
        exchanges.add(exchange);
        arrivals.add(exchange);
        switch (reply.kind) {
          case RESET:
            socket.setSoLinger(true, 0);
            return; // closing with linger 0 sends RST
          case CLOSE:
            return;
          case STALL:
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!reply.release.await(20, TimeUnit.MILLISECONDS)
                && closed.getCount() > 0 && System.nanoTime() < until) {
              // hold the connection open without answering
            }
            return;
          default:
            write(out, reply);
        }
      }
    } catch (IOException | InterruptedException e) {
      // the client went away or the server closed: nothing to answer
    } finally {
      sockets.remove(socket);
    }
  }

  private static void write(OutputStream out, Reply reply) throws IOException {
    byte[] body = reply.body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(reply.status).append(' ')
        .append(reason(reply.status)).append("\r\n");
    head.append("Content-Type: ").append(reply.contentType).append("\r\n");
    head.append("Content-Length: ").append(body.length).append("\r\n");
    reply.headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  private static String reason(int status) {
    switch (status) {
      case 200: return "OK";
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 404: return "Not Found";
      case 429: return "Too Many Requests";
      case 500: return "Internal Server Error";
      case 503: return "Service Unavailable";
      default: return "Status";
    }
  }

  private static Request readRequest(InputStream in) throws IOException {
    String line = readLine(in);
    if (line == null || line.isEmpty()) {
      return null;
    }
    String[] parts = line.split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    String h;
    while ((h = readLine(in)) != null && !h.isEmpty()) {
      int colon = h.indexOf(':');
      headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      int size;
      while ((size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) > 0) {
        buf.write(in.readNBytes(size));
        readLine(in);
      }
      readLine(in);
      body = buf.toByteArray();
    } else {
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      body = in.readNBytes(length);
    }
    return new Request(parts[0], parts[1], headers, body);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        break;
      }
      if (b != '\r') {
        buf.write(b);
      }
    }
    if (b == -1 && buf.size() == 0) {
      return null;
    }
    return buf.toString(StandardCharsets.ISO_8859_1);
  }

  /** A request as it arrived. Header names are lower case. */
  public record Request(String method, String path, Map<String, String> headers, byte[] body) {
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return body.length == 0 ? null : JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("request body is not JSON: " + bodyText(), e);
      }
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The {@code event_id}s of a batch body's traced events, in order: the {@code session} events
     * a multi-session body announces its sessions with are {@link #sessionEventIds()}.
     */
    public List<String> eventIds() {
      List<String> ids = new ArrayList<>();
      JsonNode json = json();
      if (json != null) {
        for (JsonNode e : json.path("events")) {
          if (!"session".equals(e.path("event_type").asText())) {
            ids.add(e.path("event_id").asText());
          }
        }
      }
      return ids;
    }

    /** The ids of the {@code session} events in the body: the sessions it announces. */
    public List<String> sessionEventIds() {
      List<String> ids = new ArrayList<>();
      JsonNode json = json();
      if (json != null) {
        for (JsonNode e : json.path("events")) {
          if ("session".equals(e.path("event_type").asText())) {
            ids.add(e.path("event_id").asText());
          }
        }
      }
      return ids;
    }

    public String sessionId() {
      JsonNode json = json();
      return json == null ? null : json.path("session_properties").path("session_id").asText(null);
    }
  }

  /** A request, the reply it got, and when it arrived ({@link System#nanoTime()}). */
  public record Exchange(Request request, Reply reply, long receivedNanos) {}

  /** What the server does with a request. */
  public static final class Reply {
    enum Kind { RESPOND, RESET, CLOSE, STALL }

    final Kind kind;
    final int status;
    final String body;
    final String contentType;
    final Map<String, String> headers = new LinkedHashMap<>();
    final CountDownLatch release;
    List<String> createdIds;

    private Reply(Kind kind, int status, String body, String contentType, CountDownLatch release) {
      this.kind = kind;
      this.status = status;
      this.body = body;
      this.contentType = contentType;
      this.release = release;
    }

    public static Reply json(int status, String body) {
      return new Reply(Kind.RESPOND, status, body, "application/json", null);
    }

    public static Reply text(int status, String body) {
      return new Reply(Kind.RESPOND, status, body, "text/plain", null);
    }

    public static Reply status(int status) {
      return json(status, "{\"message\":\"status " + status + "\"}");
    }

    /** A TCP reset right after the request is read. */
    public static Reply reset() {
      return new Reply(Kind.RESET, 0, "", "", null);
    }

    /** The connection closed after the request is read, with no answer. */
    public static Reply closeWithoutAnswer() {
      return new Reply(Kind.CLOSE, 0, "", "", null);
    }

    /** No answer until {@code release} is counted down (or 30 s pass); then the connection closes. */
    public static Reply stall(CountDownLatch release) {
      return new Reply(Kind.STALL, 0, "", "", release);
    }

    /** The documented 500 "Events partially created", reporting these ids as created. */
    public static Reply partiallyCreated(List<String> createdIds, List<String> errors) {
      ObjectNode body = JSON.createObjectNode();
      ArrayNode ids = body.putArray("event_ids");
      createdIds.forEach(ids::add);
      ArrayNode errs = body.putArray("errors");
      errors.forEach(errs::add);
      body.put("success", true);
      Reply r = json(500, body.toString());
      r.createdIds = List.copyOf(createdIds);
      return r;
    }

    /** A partial 500 for this request: its first {@code created} events created. */
    public static Reply partialFor(Request request, int created) {
      List<String> ids = request.eventIds().subList(0, Math.min(created, request.eventIds().size()));
      return partiallyCreated(ids, List.of("Could not create event due to missing inputs"));
    }

    public Reply header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public int statusCode() {
      return status;
    }

    @Override
    public String toString() {
      return kind == Kind.RESPOND ? "Reply[" + status + "]" : "Reply[" + kind + "]";
    }
  }
}
