package ai.honeyhive.test.internal;

import ai.honeyhive.test.RecordedSession;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.SessionProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.opentest4j.AssertionFailedError;

/**
 * Compares a session with a JSON file, normalised so that only what the code decides is compared:
 * the tree is written as nesting (children in start order), times and durations are left out, and
 * every id (the session's, each event's, and any captured value equal to one) becomes
 * {@code <id-N>} in order of first appearance, so ids are compared by structure.
 *
 * <p>The file is {@code src/test/resources/<path>} of the module under test (the working directory
 * Maven's Surefire runs tests in). Run with {@value #UPDATE_PROPERTY}{@code =true} to write or
 * rewrite it from what was recorded; a missing file fails and says so.
 */
public final class Snapshots {
  public static final String UPDATE_PROPERTY = "honeyhive.snapshots.update";
  static final Path ROOT = Paths.get("src", "test", "resources");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Snapshots() {}

  public static void assertMatches(RecordedSession session, String resourcePath) {
    JsonNode actual = normalise(session);
    Path file = ROOT.resolve(resourcePath);
    String actualText = write(actual);
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, actualText, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("could not write the snapshot " + file.toAbsolutePath(), e);
      }
      return;
    }
    String expectedText = read(file, resourcePath);
    if (expectedText == null) {
      throw new AssertionError("No snapshot " + file + " (nor " + resourcePath + " on the class path): run the test once"
          + " with -D" + UPDATE_PROPERTY + "=true to write it, check it, and commit it.\nRecorded:\n" + actualText);
    }
    JsonNode expected;
    try {
      expected = JSON.readTree(expectedText);
    } catch (IOException e) {
      throw new AssertionError("The snapshot " + file + " is not JSON: " + e.getMessage());
    }
    if (!expected.equals(actual)) {
      throw new AssertionFailedError("The session does not match the snapshot " + file + " (first difference at "
          + firstDifference("$", expected, actual) + "); to accept the recorded one, run with -D" + UPDATE_PROPERTY
          + "=true", write(expected), actualText);
    }
  }

  /** The session as its snapshot holds it. */
  public static JsonNode normalise(RecordedSession session) {
    Map<String, String> ids = new HashMap<>();
    ids.put(session.id(), "<id-" + (ids.size() + 1) + ">");
    for (Event e : session.inTreeOrder()) {
      ids.putIfAbsent(e.eventId(), "<id-" + (ids.size() + 1) + ">");
    }
    SessionProperties p = session.properties();
    ObjectNode root = JSON.createObjectNode();
    root.put("session_id", ids.get(session.id()));
    root.put("session_name", p.sessionName());
    root.put("source", p.source());
    putMaps(root, ids, p.config(), p.inputs(), p.outputs(), p.metadata(), p.metrics(), p.feedback(), p.userProperties());
    root.put("error", p.error());
    ArrayNode events = root.putArray("events");
    for (Event e : session.roots()) {
      events.add(event(session, e, ids));
    }
    try {   // as it reads back from the file: 35 captured as a long equals 35 read as an int
      return JSON.readTree(JSON.writeValueAsString(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode event(RecordedSession session, Event e, Map<String, String> ids) {
    ObjectNode n = JSON.createObjectNode();
    n.put("event_id", ids.get(e.eventId()));
    n.put("event_type", e.eventType() == null ? null : e.eventType().wireName());
    n.put("event_name", e.eventName());
    putMaps(n, ids, e.config(), e.inputs(), e.outputs(), e.metadata(), e.metrics(), e.feedback(), e.userProperties());
    n.put("error", e.error());
    ArrayNode children = n.putArray("children");
    for (Event c : session.children(e)) {
      children.add(event(session, c, ids));
    }
    return n;
  }

  private static final String[] MAP_NAMES = {"config", "inputs", "outputs", "metadata", "metrics", "feedback", "user_properties"};

  @SafeVarargs
  private static void putMaps(ObjectNode n, Map<String, String> ids, Map<String, Object>... maps) {
    for (int i = 0; i < maps.length; i++) {
      if (maps[i] != null && !maps[i].isEmpty()) {
        n.set(MAP_NAMES[i], replaceIds(JSON.valueToTree(maps[i]), ids));
      }
    }
  }

  private static JsonNode replaceIds(JsonNode node, Map<String, String> ids) {
    if (node.isTextual() && ids.containsKey(node.asText())) {
      return TextNode.valueOf(ids.get(node.asText()));
    }
    if (node instanceof ObjectNode o) {
      Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        f.setValue(replaceIds(f.getValue(), ids));
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, replaceIds(a.get(i), ids));
      }
    }
    return node;
  }

  private static String firstDifference(String at, JsonNode expected, JsonNode actual) {
    if (expected.isObject() && actual.isObject()) {
      Iterator<String> names = expected.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!actual.has(name)) {
          return at + "." + name + " (missing)";
        }
        if (!expected.get(name).equals(actual.get(name))) {
          return firstDifference(at + "." + name, expected.get(name), actual.get(name));
        }
      }
      Iterator<String> extra = actual.fieldNames();
      while (extra.hasNext()) {
        String name = extra.next();
        if (!expected.has(name)) {
          return at + "." + name + " (not in the snapshot)";
        }
      }
    } else if (expected.isArray() && actual.isArray()) {
      for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
        if (!expected.get(i).equals(actual.get(i))) {
          return firstDifference(at + "[" + i + "]", expected.get(i), actual.get(i));
        }
      }
      return at + " (" + expected.size() + " elements expected, " + actual.size() + " recorded)";
    }
    return at + ": expected " + expected + " but was " + actual;
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file, String resourcePath) {
    try {
      if (Files.isRegularFile(file)) {
        return Files.readString(file, StandardCharsets.UTF_8);
      }
      String name = resourcePath.startsWith("/") ? resourcePath.substring(1) : resourcePath;
      try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
        return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the snapshot " + file, e);
    }
  }
}
