package ai.honeyhive.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request the HoneyHive stand-in received and what it did about it.
 *
 * @param headers header names in lower case
 * @param status the status answered (or to be answered, by a delayed answer), or 0 when it reset or
 *     closed the connection without an answer or holds it unanswered
 * @param receivedNanos when it arrived, as {@link System#nanoTime()}: to measure the time between
 *     a client's attempts
 */
public record ReceivedRequest(String method, String path, Map<String, String> headers, byte[] body, int status,
    long receivedNanos) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The body as JSON, null if empty; fails the test if it is not JSON. */
  public JsonNode json() {
    try {
      return body.length == 0 ? null : JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("the request body is not JSON: " + bodyText(), e);
    }
  }

  /**
   * The {@code event_id}s of a batch body's traced events, in order; the {@code session} events a
   * multi-session body announces its sessions with are {@link #sessionEventIds()}.
   */
  public List<String> eventIds() {
    return ids(false);
  }

  /** The ids of the {@code session} events in a batch body: the sessions it announces. */
  public List<String> sessionEventIds() {
    return ids(true);
  }

  /** The {@code session_properties.session_id} of a single-session batch body, else null. */
  public String sessionId() {
    JsonNode json = json();
    return json == null ? null : json.path("session_properties").path("session_id").asText(null);
  }

  private List<String> ids(boolean sessionEvents) {
    List<String> ids = new ArrayList<>();
    JsonNode json = json();
    if (json != null) {
      for (JsonNode e : json.path("events")) {
        if ("session".equals(e.path("event_type").asText()) == sessionEvents) {
          ids.add(e.path("event_id").asText());
        }
      }
    }
    return ids;
  }

  /** Method, path and answer only: bodies and headers carry keys and captured data. */
  @Override
  public String toString() {
    return method + " " + path + " -> " + (status == 0 ? "no answer" : status);
  }
}
