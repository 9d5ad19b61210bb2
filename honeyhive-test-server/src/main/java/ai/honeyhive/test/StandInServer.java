package ai.honeyhive.test;

import ai.honeyhive.test.internal.ExportFilter;
import ai.honeyhive.test.internal.HttpWire;
import ai.honeyhive.test.internal.JsonSessions;
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
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The HoneyHive API stand-in at the wire level: a real HTTP/1.1 server on 127.0.0.1 that records
 * every request (method, path, headers, body, what it answered, when it arrived), records the
 * events of the batches it accepts, serves them from {@code POST /events/export} and
 * {@code GET /session/{id}}, and misbehaves when told ({@link Fault}).
 *
 * <p>{@code HoneyHiveStandIn} in honeyhive-test wraps one and reads what it recorded as sessions
 * for the tree assertions: use that. Use this one where only the wire matters, e.g. in a test of
 * an exporter, or where honeyhive-core is not on the class path (it depends on nothing of ours).
 *
 * <p>Written on plain sockets rather than the JDK's HttpServer because only a socket can send a
 * real reset (SO_LINGER 0) or leave a request unanswered.
 */
public final class StandInServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServerSocket server;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<Fault> anyNext = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Fault> batchNext = new ConcurrentLinkedQueue<>();
  private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();
  private final List<JsonNode> createdEvents = new CopyOnWriteArrayList<>();
  private final List<JsonNode> announcements = new CopyOnWriteArrayList<>();
  private final JsonSessions stored = new JsonSessions();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Object changed = new Object();
  private volatile Fault always;
  private volatile String apiKey;

  /**
   * One session as the stand-in recorded it, in JSON as it went over the wire.
   *
   * @param properties its record: a single-session body's {@code session_properties}, or the
   *     fields of its {@code session} event in the same names; only {@code session_id} until
   *     it is announced
   * @param events its traced events, in the order they arrived
   */
  public record Session(String id, ObjectNode properties, List<JsonNode> events) {
    public Session {
      events = List.copyOf(events);
    }

    /** The session's name ({@code session_name}), or null if it was never announced. */
    public String name() {
      return properties.path("session_name").asText(null);
    }

    /** Whether some piece carried the session's full record (the tracer always sends one). */
    public boolean announced() {
      return announces(properties);
    }

    /** Whether a session record carries more than the id, as a follow-up piece's does not. */
    public static boolean announces(JsonNode properties) {
      for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (!f.getKey().equals("session_id") && !f.getValue().isNull()) {
          return true;
        }
      }
      return false;
    }
  }

  private StandInServer(ServerSocket server) {
    this.server = server;
    Thread accept = new Thread(this::acceptLoop, "honeyhive-stand-in");
    accept.setDaemon(true);
    accept.start();
  }

  /** Starts a stand-in on a free port of 127.0.0.1. */
  public static StandInServer start() {
    try {
      return new StandInServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not open a port on 127.0.0.1", e);
    }
  }

  /** The base URL, e.g. {@code http://127.0.0.1:54321}: the tracer's {@code apiUrl}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Answers 401 to any request not carrying {@code Authorization: Bearer <apiKey>}. */
  public StandInServer requireApiKey(String apiKey) {
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    return this;
  }

  /** Misbehaves on the next batch requests, one fault each, in order; then answers normally again. */
  public StandInServer failNext(Fault... next) {
    for (Fault f : next) {
      batchNext.add(Objects.requireNonNull(f, "fault"));
    }
    return this;
  }

  /**
   * Answers the next requests, of any endpoint, as these faults say, one each, in order (before
   * the faults of {@link #failNext}); then answers normally again.
   */
  public StandInServer answerNext(Fault... next) {
    for (Fault f : next) {
      anyNext.add(Objects.requireNonNull(f, "fault"));
    }
    return this;
  }

  /** Answers every request as {@code fault} says, once the queued faults are used, until {@link #answerNormally()}. */
  public StandInServer answerAll(Fault fault) {
    always = Objects.requireNonNull(fault, "fault");
    return this;
  }

  /** Stops {@link #answerAll}: requests are answered as the API does again. */
  public StandInServer answerNormally() {
    always = null;
    return this;
  }

  /** Every request received so far, in arrival order, with what was answered. */
  public List<ReceivedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The batch requests received so far, accepted or not. */
  public List<ReceivedRequest> batchRequests() {
    return requests.stream().filter(StandInServer::isBatch).collect(Collectors.toList());
  }

  /**
   * Waits until at least {@code count} requests arrived (a request left unanswered counts once it
   * arrived) and returns them all; fails with what arrived if the time runs out.
   */
  public List<ReceivedRequest> awaitRequests(int count, Duration timeout) {
    return await(timeout, () -> requests.size() >= count ? requests() : null,
        () -> "Expected " + count + " requests at the stand-in within " + timeout + " but got " + requests());
  }

  /**
   * The ids of the traced events recorded (every event of an accepted batch, the created ones of
   * a partial 500), in arrival order; repeats are kept, so exactly-once can be checked.
   */
  public List<String> createdEventIds() {
    return field(createdEvents, "event_id");
  }

  /** The traced events recorded, as {@link #createdEventIds()}: their JSON as it arrived. */
  public List<JsonNode> createdEvents() {
    return List.copyOf(createdEvents);
  }

  /** The {@code event_name}s of {@link #createdEvents()}. */
  public List<String> createdEventNames() {
    return field(createdEvents, "event_name");
  }

  /** The sessions announced by a {@code session} event of an accepted batch, repeats kept. */
  public List<String> announcedSessionIds() {
    return field(announcements, "session_id");
  }

  /** The names of the sessions of {@link #announcedSessionIds()}. */
  public List<String> announcedSessionNames() {
    return field(announcements, "session_name");
  }

  private static List<String> field(List<JsonNode> nodes, String name) {
    return nodes.stream().map(n -> n.path(name).asText(null)).collect(Collectors.toList());
  }

  /** The sessions recorded (from accepted batches), each with all of its events, in arrival order. */
  public List<Session> sessions() {
    return stored.sessions();
  }

  /**
   * Waits until at least {@code count} sessions were announced (their session record arrived),
   * and returns them all; fails with what arrived if the time runs out.
   */
  public List<Session> awaitSessions(int count, Duration timeout) {
    Supplier<List<Session>> announced = () -> sessions().stream().filter(Session::announced).collect(Collectors.toList());
    return await(timeout, () -> announced.get().size() >= count ? announced.get() : null,
        () -> "Expected " + count + " sessions at the stand-in within " + timeout + " but "
            + announced.get().size() + " arrived; requests: " + requests());
  }

  /** Forgets what was recorded and received, and the faults not yet used; answers normally again. */
  public void reset() {
    stored.clear();
    requests.clear();
    createdEvents.clear();
    announcements.clear();
    anyNext.clear();
    batchNext.clear();
    always = null;
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
    return "StandInServer[" + url() + "]";
  }

  private <T> T await(Duration timeout, Supplier<T> done, Supplier<String> failure) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (changed) {
      while (true) {
        T result = done.get();
        if (result != null) {
          return result;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(failure.get());
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(changed, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting at the stand-in", e);
        }
      }
    }
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
        if (!answer(request, System.nanoTime(), socket, out)) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // the client went away or the server closed: nothing to answer
    } finally {
      sockets.remove(socket);
    }
  }

  private static boolean isBatch(ReceivedRequest r) {
    return r.method().equals("POST") && pathOf(r.path()).endsWith("/events/batch");
  }

  private static String pathOf(String target) {
    int query = target.indexOf('?');
    return query >= 0 ? target.substring(0, query) : target;
  }

  /** Answers one request; false when the connection is to be dropped. */
  private boolean answer(HttpWire.Request r, long received, Socket socket, OutputStream out) throws IOException {
    Exchange x = new Exchange(r, received, out);
    String key = apiKey;
    if (key != null && !("Bearer " + key).equals(r.headers().get("authorization"))) {
      return x.respond(401, "{\"error\":\"Unauthorized\"}");
    }
    boolean batch = isBatch(x.arrived(0));
    Fault fault = anyNext.poll();
    if (fault == null && batch) {
      fault = batchNext.poll();
    }
    if (fault == null) {
      fault = always;
    }
    if (fault != null && fault.kind == Fault.Kind.ON_ARRIVAL) {
      fault = fault.rule.apply(x.arrived(0));
    }
    if (fault != null) {
      switch (fault.kind) {
        case STATUS -> {
          String body = fault.body != null ? fault.body : "{\"error\":\"" + HttpWire.reason(fault.status) + "\"}";
          String type = fault.contentType != null ? fault.contentType : "application/json";
          return x.respond(fault.status, type, body, fault.headers);
        }
        case RESET -> {
          x.record(0);
          socket.setSoLinger(true, 0);   // closing with linger 0 sends RST
          return false;
        }
        case CLOSE -> {
          x.record(0);
          return false;
        }
        case NO_ANSWER -> {
          x.record(0);
          hold(fault.release);
          return false;
        }
        case DELAY -> x.delay = fault;
        case PARTIAL -> {
          if (batch) {
            return partial(x, fault.created);
          }
        }
        default -> { }
      }
    }
    return normally(x, batch);
  }

  private void hold(CountDownLatch release) {
    try {
      if (release == null) {
        closed.await(10, TimeUnit.MINUTES);
        return;
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!release.await(20, TimeUnit.MILLISECONDS) && closed.getCount() > 0 && System.nanoTime() < until) {
        // hold the connection open without answering
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean normally(Exchange x, boolean batch) throws IOException {
    HttpWire.Request r = x.request;
    String path = pathOf(r.path());
    if (batch) {
      JsonNode body = readJson(r.body());
      if (body == null) {
        return x.respond(400, "{\"error\":\"Invalid JSON\"}");
      }
      List<String> ids = store(body, Integer.MAX_VALUE);
      ObjectNode reply = JSON.createObjectNode();
      ids.forEach(reply.putArray("event_ids")::add);
      JsonNode sid = body.path("session_properties").get("session_id");
      if (sid != null) {
        reply.put("session_id", sid.asText());
      }
      reply.put("success", true);
      return x.respond(200, reply.toString());
    }
    if (r.method().equals("POST") && path.endsWith("/events/export")) {
      return x.respond(200, export(readJson(r.body())));
    }
    int session = path.lastIndexOf("/session/");
    if (r.method().equals("GET") && session >= 0) {
      String id = URLDecoder.decode(path.substring(session + "/session/".length()), StandardCharsets.UTF_8);
      for (Session s : sessions()) {
        if (s.id().equals(id) && s.announced()) {
          return x.respond(200, sessionEvent(s).toString());
        }
      }
      return x.respond(404, "{\"error\":\"Session not found\"}");
    }
    return x.respond(404, "{\"error\":\"Not found\"}");
  }

  private boolean partial(Exchange x, int created) throws IOException {
    JsonNode body = readJson(x.request.body());
    if (body == null) {
      return x.respond(400, "{\"error\":\"Invalid JSON\"}");
    }
    ObjectNode reply = JSON.createObjectNode();
    store(body, created).forEach(reply.putArray("event_ids")::add);
    reply.putArray("errors").add("Could not create event due to missing inputs");
    reply.put("success", true);
    return x.respond(500, reply.toString());
  }

  /**
   * Records the body's events, at most {@code limit} traced ones; with no limit, its
   * {@code session} events announce their sessions. Returns the ids of what it recorded.
   */
  private List<String> store(JsonNode body, int limit) {
    boolean whole = limit == Integer.MAX_VALUE;
    List<String> created = new ArrayList<>();
    List<JsonNode> events = new ArrayList<>();
    int traced = 0;
    for (JsonNode e : body.path("events")) {
      String id = e.path("event_id").asText();
      if ("session".equals(e.path("event_type").asText())) {
        if (whole) {
          created.add(id);
          ObjectNode record = sessionRecord(e);
          announcements.add(record);
          stored.add(record, List.of());
        }
      } else if (traced++ < limit) {
        created.add(id);
        createdEvents.add(e);
        events.add(e);
      }
    }
    JsonNode props = body.get("session_properties");
    if (props != null && props.isObject() && props.hasNonNull("session_id")) {
      stored.add((ObjectNode) props, events);
    } else {
      stored.addEvents(events);
    }
    signal();
    return created;
  }

  /** A {@code session} event's fields under the names of {@code session_properties}. */
  private static ObjectNode sessionRecord(JsonNode e) {
    ObjectNode p = JSON.createObjectNode();
    p.set("source", e.get("source"));
    p.set("session_name", e.get("event_name"));
    p.put("session_id", e.hasNonNull("session_id") ? e.get("session_id").asText() : e.path("event_id").asText());
    for (String f : List.of("config", "inputs", "outputs", "error", "metrics", "feedback", "metadata", "user_properties")) {
      p.set(f, e.get(f));
    }
    p.remove(List.of(p.properties().stream().filter(f -> f.getValue() == null || f.getValue().isNull())
        .map(Map.Entry::getKey).toArray(String[]::new)));
    return p;
  }

  private String export(JsonNode query) {
    if (query == null) {
      return "{\"events\":[],\"totalEvents\":0}";
    }
    List<JsonNode> all = new ArrayList<>();
    for (Session s : sessions()) {
      if (s.announced()) {
        all.add(sessionEvent(s));
      }
      all.addAll(s.events());
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

  /** The session's own event, as the API reads it back: its record, its top-level events as children. */
  private static ObjectNode sessionEvent(Session s) {
    ObjectNode p = s.properties();
    Long start = null;
    Long end = null;
    Set<String> ids = new HashSet<>();
    for (JsonNode e : s.events()) {
      ids.add(e.path("event_id").asText());
      if (e.path("start_time").isNumber() && (start == null || e.get("start_time").asLong() < start)) {
        start = e.get("start_time").asLong();
      }
      if (e.path("end_time").isNumber() && (end == null || e.get("end_time").asLong() > end)) {
        end = e.get("end_time").asLong();
      }
    }
    ObjectNode event = JSON.createObjectNode();
    event.put("event_type", "session");
    event.put("event_name", p.path("session_name").asText("session"));
    event.set("source", p.get("source"));
    event.put("session_id", s.id());
    event.put("event_id", s.id());
    ArrayNode children = event.putArray("children_ids");
    s.events().stream()
        .filter(e -> !e.hasNonNull("parent_id") || !ids.contains(e.get("parent_id").asText()))
        .sorted(Comparator.comparingLong(e -> e.path("start_time").isNumber() ? e.get("start_time").asLong() : Long.MAX_VALUE))
        .forEach(e -> children.add(e.path("event_id").asText()));
    for (String f : List.of("config", "inputs", "outputs", "error", "metadata", "metrics", "feedback", "user_properties")) {
      event.set(f, p.get(f));
    }
    if (start != null) {
      event.put("start_time", start);
    }
    if (end != null) {
      event.put("end_time", end);
    }
    if (start != null && end != null) {
      event.put("duration", (double) (end - start));
    }
    event.remove(List.of(event.properties().stream().filter(f -> f.getValue() == null)
        .map(Map.Entry::getKey).toArray(String[]::new)));
    return event;
  }

  private static JsonNode readJson(byte[] body) {
    try {
      JsonNode n = JSON.readTree(body);
      return n == null || n.isMissingNode() ? null : n;
    } catch (IOException e) {
      return null;
    }
  }

  private void signal() {
    synchronized (changed) {
      changed.notifyAll();
    }
  }

  /** One request being answered: recorded once, with its status, before the answer is written. */
  private final class Exchange {
    final HttpWire.Request request;
    final long received;
    final OutputStream out;
    Fault delay;

    Exchange(HttpWire.Request request, long received, OutputStream out) {
      this.request = request;
      this.received = received;
      this.out = out;
    }

    ReceivedRequest arrived(int status) {
      return new ReceivedRequest(request.method(), request.path(), request.headers(), request.body(), status, received);
    }

    void record(int status) {
      requests.add(arrived(status));
      signal();
    }

    boolean respond(int status, String json) throws IOException {
      return respond(status, "application/json", json, Map.of());
    }

    boolean respond(int status, String contentType, String body, Map<String, String> headers) throws IOException {
      record(status);
      if (delay != null && !waitOut(delay)) {
        return false;
      }
      HttpWire.write(out, status, contentType, body, headers);
      return true;
    }

    /** Waits as a delay fault says; false when the server closed meanwhile. */
    private boolean waitOut(Fault d) {
      try {
        if (d.release == null) {
          return !closed.await(d.duration.toMillis(), TimeUnit.MILLISECONDS);
        }
        while (!d.release.await(20, TimeUnit.MILLISECONDS)) {
          if (closed.getCount() == 0) {
            return false;
          }
        }
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}
