package ai.honeyhive.test;

import ai.honeyhive.test.internal.ExportFilter;
import ai.honeyhive.test.internal.HttpWire;
import ai.honeyhive.test.internal.SessionPieces;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import ai.honeyhive.transport.model.SessionProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A local stand-in for the HoneyHive API, on 127.0.0.1, for integration tests: point the tracer
 * (or {@code HH_API_URL}) at {@link #url()}. It records every {@code POST /events/batch}, in both
 * bodies the exporter sends (one session with its {@code session_properties}, or many sessions with
 * {@code is_single_session: false} and a {@code session} event announcing each), answers as the API
 * does, or misbehaves as told ({@link #failNext(Fault...)}), and serves what it recorded from
 * {@code POST /events/export} (filters, date range, paging) and {@code GET /session/{id}}, so code
 * that reads traces back can be tested too.
 *
 * <pre>{@code
 * try (HoneyHiveStandIn api = HoneyHiveStandIn.start()) {
 *   api.failNext(Fault.unavailable(), Fault.tooManyRequests(Duration.ofSeconds(1)));
 *   // ... run the code under test with HH_API_URL = api.url() ...
 *   assertThat(api.awaitSessions(1, Duration.ofSeconds(10)).get(0)).root().isChain();
 * }
 * }</pre>
 */
public final class HoneyHiveStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final ServerSocket server;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
  private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();
  private final SessionPieces stored = new SessionPieces();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Object changed = new Object();
  private volatile String apiKey;

  private HoneyHiveStandIn(ServerSocket server) {
    this.server = server;
    Thread accept = new Thread(this::acceptLoop, "honeyhive-stand-in");
    accept.setDaemon(true);
    accept.start();
  }

  /** Starts a stand-in on a free port of 127.0.0.1. */
  public static HoneyHiveStandIn start() {
    try {
      return new HoneyHiveStandIn(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not open a port on 127.0.0.1", e);
    }
  }

  /** The base URL, e.g. {@code http://127.0.0.1:54321}: the tracer's {@code apiUrl}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Answers 401 to any request not carrying {@code Authorization: Bearer <apiKey>}. */
  public HoneyHiveStandIn requireApiKey(String apiKey) {
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    return this;
  }

  /** Misbehaves on the next batch requests, one fault each, in order; then answers normally again. */
  public HoneyHiveStandIn failNext(Fault... next) {
    for (Fault f : next) {
      faults.add(Objects.requireNonNull(f, "fault"));
    }
    return this;
  }

  /** Every request received so far, in arrival order, with what was answered. */
  public List<ReceivedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The batch requests received so far, accepted or not. */
  public List<ReceivedRequest> batchRequests() {
    return requests.stream().filter(r -> r.path().startsWith("/events/batch")).collect(Collectors.toList());
  }

  /** The sessions recorded (from accepted batches), each with all of its events, in arrival order. */
  public List<RecordedSession> sessions() {
    return stored.sessions();
  }

  /** Every event recorded, of every session. */
  public List<Event> events() {
    List<Event> all = new ArrayList<>();
    for (RecordedSession s : sessions()) {
      all.addAll(s.events());
    }
    return all;
  }

  /**
   * Waits until at least {@code count} sessions were announced (their session record arrived),
   * and returns them all; fails with what arrived if the time runs out.
   */
  public List<RecordedSession> awaitSessions(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (changed) {
      while (true) {
        List<RecordedSession> announced = sessions().stream().filter(RecordedSession::announced)
            .collect(Collectors.toList());
        if (announced.size() >= count) {
          return announced;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("Expected " + count + " sessions at the stand-in within " + timeout + " but "
              + announced.size() + " arrived; requests: " + requests());
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(changed, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for sessions", e);
        }
      }
    }
  }

  /** Forgets what was recorded and received, and the faults not yet used. */
  public void reset() {
    stored.clear();
    requests.clear();
    faults.clear();
  }

  /** Stops listening and drops every connection, including those held without an answer. */
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

  @Override
  public String toString() {
    return "HoneyHiveStandIn[" + url() + "]";
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        sockets.add(s);
        Thread t = new Thread(() -> serve(s), "honeyhive-stand-in-connection");
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
      HttpWire.Request request;
      while ((request = HttpWire.read(in)) != null) {
        if (!answer(request, socket, out)) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // the client went away or the server closed: nothing to answer
    } finally {
      sockets.remove(socket);
    }
  }

  /** Answers one request; false when the connection is to be dropped. */
  private boolean answer(HttpWire.Request r, Socket socket, OutputStream out) throws IOException {
    String key = apiKey;
    if (key != null && !("Bearer " + key).equals(r.headers().get("authorization"))) {
      return respond(r, out, 401, "{\"error\":\"Unauthorized\"}", null);
    }
    String path = r.path();
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    if (r.method().equals("POST") && path.equals("/events/batch")) {
      return batch(r, socket, out);
    }
    if (r.method().equals("POST") && path.equals("/events/export")) {
      return respond(r, out, 200, export(r), null);
    }
    if (r.method().equals("GET") && path.startsWith("/session/")) {
      String id = URLDecoder.decode(path.substring("/session/".length()), StandardCharsets.UTF_8);
      String body = session(id);
      return body == null
          ? respond(r, out, 404, "{\"error\":\"Session not found\"}", null)
          : respond(r, out, 200, body, null);
    }
    return respond(r, out, 404, "{\"error\":\"Not found\"}", null);
  }

  private boolean batch(HttpWire.Request r, Socket socket, OutputStream out) throws IOException {
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (IOException e) {
      return respond(r, out, 400, "{\"error\":\"Invalid JSON\"}", null);
    }
    Fault fault = faults.poll();
    if (fault != null) {
      switch (fault.kind) {
        case RESET -> {
          record(r, 0);
          socket.setSoLinger(true, 0);   // closing with linger 0 sends RST
          return false;
        }
        case NO_ANSWER -> {
          record(r, 0);
          try {
            closed.await(10, TimeUnit.MINUTES);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return false;
        }
        case STATUS -> {
          String retryAfter = fault.duration == null ? null
              : String.valueOf((fault.duration.toMillis() + 999) / 1000);
          return respond(r, out, fault.status, "{\"error\":\"" + HttpWire.reason(fault.status) + "\"}", retryAfter);
        }
        case DELAY -> {
          try {
            if (closed.await(fault.duration.toMillis(), TimeUnit.MILLISECONDS)) {
              return false;
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        }
        case PARTIAL -> {
          List<String> created = store(body, fault.created);
          ObjectNode reply = JSON.createObjectNode();
          ArrayNode ids = reply.putArray("event_ids");
          created.forEach(ids::add);
          reply.putArray("errors").add("Could not create event due to missing inputs");
          reply.put("success", true);
          return respond(r, out, 500, reply.toString(), null);
        }
      }
    }
    List<String> ids = store(body, Integer.MAX_VALUE);
    ObjectNode reply = JSON.createObjectNode();
    ArrayNode arr = reply.putArray("event_ids");
    ids.forEach(arr::add);
    JsonNode sid = body.path("session_properties").get("session_id");
    if (sid != null) {
      reply.put("session_id", sid.asText());
    }
    reply.put("success", true);
    return respond(r, out, 200, reply.toString(), null);
  }

  /**
   * Records at most {@code limit} events of the body (session events announce their sessions and
   * count too); returns the ids of those recorded.
   */
  private List<String> store(JsonNode body, int limit) {
    List<String> created = new ArrayList<>();
    JsonNode props = body.get("session_properties");
    SessionProperties sessionProps = null;
    if (props != null && props.isObject()) {
      sessionProps = convert(props, SessionProperties.class);
    }
    List<Event> events = new ArrayList<>();
    for (JsonNode node : body.path("events")) {
      if (created.size() >= limit) {
        break;
      }
      Event e = convert(node, Event.class);
      created.add(e.eventId());
      if (e.eventType() == EventType.SESSION) {
        stored.add(new SessionProperties(e.source(), e.eventName(), e.sessionId() != null ? e.sessionId() : e.eventId(),
            e.config(), e.inputs(), e.outputs(), e.error(), e.metrics(), e.feedback(), e.metadata(),
            e.userProperties()), List.of());
      } else {
        events.add(e);
      }
    }
    if (sessionProps != null && sessionProps.sessionId() != null) {
      stored.add(sessionProps, events);
    } else {
      stored.addEvents(events);
    }
    synchronized (changed) {
      changed.notifyAll();
    }
    return created;
  }

  private String export(HttpWire.Request r) {
    JsonNode query;
    try {
      query = JSON.readTree(r.body());
    } catch (IOException e) {
      return "{\"events\":[],\"totalEvents\":0}";
    }
    List<JsonNode> all = new ArrayList<>();
    for (RecordedSession s : sessions()) {
      if (s.announced()) {
        all.add(JSON.valueToTree(sessionEvent(s)));
      }
      for (Event e : s.events()) {
        all.add(JSON.valueToTree(e));
      }
    }
    List<JsonNode> matching = ExportFilter.apply(all, query);
    int limit = Math.max(1, query.path("limit").asInt(1000));
    int page = Math.max(1, query.path("page").asInt(1));
    ObjectNode reply = JSON.createObjectNode();
    ArrayNode events = reply.putArray("events");
    long from = (long) (page - 1) * limit;
    for (long i = from; i < Math.min(matching.size(), from + limit); i++) {
      events.add(matching.get((int) i));
    }
    reply.put("totalEvents", matching.size());
    return reply.toString();
  }

  private String session(String id) {
    for (RecordedSession s : sessions()) {
      if (s.id().equals(id) && s.announced()) {
        return JSON.valueToTree(sessionEvent(s)).toString();
      }
    }
    return null;
  }

  /** The session's own event, as the API reads it back: its record, its top-level events as children. */
  private static Event sessionEvent(RecordedSession s) {
    SessionProperties p = s.properties();
    Long start = null;
    Long end = null;
    for (Event e : s.events()) {
      if (e.startTime() != null && (start == null || e.startTime() < start)) {
        start = e.startTime();
      }
      if (e.endTime() != null && (end == null || e.endTime() > end)) {
        end = e.endTime();
      }
    }
    return Event.builder()
        .eventType(EventType.SESSION)
        .eventName(p.sessionName() != null ? p.sessionName() : "session")
        .source(p.source())
        .sessionId(p.sessionId())
        .eventId(p.sessionId())
        .childrenIds(s.roots().stream().map(Event::eventId).collect(Collectors.toList()))
        .config(p.config()).inputs(p.inputs()).outputs(p.outputs()).error(p.error())
        .metadata(p.metadata()).metrics(p.metrics()).feedback(p.feedback()).userProperties(p.userProperties())
        .startTime(start).endTime(end)
        .duration(start != null && end != null ? (double) (end - start) : null)
        .build();
  }

  private <T> T convert(JsonNode node, Class<T> type) {
    try {
      return JSON.treeToValue(node, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void record(HttpWire.Request r, int status) {
    requests.add(new ReceivedRequest(r.method(), r.path(), r.headers(), r.body(), status));
    synchronized (changed) {
      changed.notifyAll();
    }
  }

  private boolean respond(HttpWire.Request r, OutputStream out, int status, String body, String retryAfter)
      throws IOException {
    record(r, status);
    HttpWire.write(out, status, body, retryAfter);
    return true;
  }
}
