package ai.honeyhive.test;

import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.SessionProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * <p>It reads what its {@link #server()} recorded as sessions for the tree assertions; the server
 * also gives the wire: scripted answers for any request, request timings, created event ids.
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

  private final StandInServer server;

  private HoneyHiveStandIn(StandInServer server) {
    this.server = server;
  }

  /** Starts a stand-in on a free port of 127.0.0.1. */
  public static HoneyHiveStandIn start() {
    return new HoneyHiveStandIn(StandInServer.start());
  }

  /** The wire level: scripted answers for any endpoint, request timings, created event ids. */
  public StandInServer server() {
    return server;
  }

  /** The base URL, e.g. {@code http://127.0.0.1:54321}: the tracer's {@code apiUrl}. */
  public URI url() {
    return server.url();
  }

  /** Answers 401 to any request not carrying {@code Authorization: Bearer <apiKey>}. */
  public HoneyHiveStandIn requireApiKey(String apiKey) {
    server.requireApiKey(apiKey);
    return this;
  }

  /** Misbehaves on the next batch requests, one fault each, in order; then answers normally again. */
  public HoneyHiveStandIn failNext(Fault... next) {
    server.failNext(next);
    return this;
  }

  /** Every request received so far, in arrival order, with what was answered. */
  public List<ReceivedRequest> requests() {
    return server.requests();
  }

  /** The batch requests received so far, accepted or not. */
  public List<ReceivedRequest> batchRequests() {
    return server.batchRequests();
  }

  /** The sessions recorded (from accepted batches), each with all of its events, in arrival order. */
  public List<RecordedSession> sessions() {
    return typed(server.sessions());
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
    return typed(server.awaitSessions(count, timeout));
  }

  /** Forgets what was recorded and received, and the faults not yet used. */
  public void reset() {
    server.reset();
  }

  /** Stops listening and drops every connection, including those held without an answer. */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "HoneyHiveStandIn[" + url() + "]";
  }

  private static List<RecordedSession> typed(List<StandInServer.Session> sessions) {
    return sessions.stream().map(s -> new RecordedSession(
            convert(s.properties(), SessionProperties.class),
            s.events().stream().map(e -> convert(e, Event.class)).collect(Collectors.toList())))
        .collect(Collectors.toList());
  }

  private static <T> T convert(JsonNode node, Class<T> type) {
    try {
      return JSON.treeToValue(node, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
