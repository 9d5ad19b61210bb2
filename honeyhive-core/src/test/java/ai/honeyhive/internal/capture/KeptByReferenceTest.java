package ai.honeyhive.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.SpanKind;
import ai.honeyhive.TestTracers;
import ai.honeyhive.Tracer;
import ai.honeyhive.internal.CaptureBudget;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.internal.JsonMappers;
import ai.honeyhive.transport.model.Event;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What capture keeps by reference instead of copying (the JDK's immutable {@code List.of} and
 * {@code Map.of} holding only strings, numbers and booleans; the strings themselves) is still
 * redacted, masked and cut exactly as a copy would be, counts in the event's budget as a copy
 * would, and arrives as it was at call time; a mutable container is still copied.
 */
class KeptByReferenceTest {
  private static final String PAD = "Answer from the policy excerpts below; cite each by number. ".repeat(4);
  private static final String CLEAN = PAD + "Refunds go to the original payment method within 5 days.";
  private static final String WITH_KEY = PAD + "my key is " + SecretValuesTest.OPENAI_PROJECT + ", why?";

  /** {@code m} copied in its own iteration order into a map the walk copies. */
  private static Map<String, Object> mutableCopy(Map<String, ?> m) {
    return new LinkedHashMap<>(m);
  }

  private static String json(Object v) throws Exception {
    return JsonMappers.mapper().writeValueAsString(v);
  }

  @Test
  void anImmutableListOfMapsWithNothingToChangeIsRecordedAsItIsAndCostsWhatACopyCosts() throws Exception {
    SafeValueCapture capture = CaptureTestSupport.defaults();
    Map<String, Object> system = Map.of("role", "system", "content", CLEAN, "n", 3, "ok", true);
    List<Map<String, Object>> messages = List.of(system, Map.of("role", "user", "content", "hi"));
    CaptureBudget kept = capture.newEventBudget();
    Object captured = capture.capture("messages", messages, kept);

    List<Map<String, Object>> same = new ArrayList<>();
    for (Map<String, Object> m : messages) {
      same.add(mutableCopy(m));
    }
    CaptureBudget copied = capture.newEventBudget();
    Object copy = capture.capture("messages", same, copied);

    assertThat(captured).isSameAs(messages);
    assertThat(copy).isNotSameAs(same).isEqualTo(messages);
    assertThat(json(captured)).isEqualTo(json(copy));
    assertThat(kept.spent()).isEqualTo(copied.spent());
    assertThat(kept.truncations()).isZero();
  }

  @Test
  void aKeptListsPastedKeyIsMaskedOnTheWire() {
    List<Map<String, String>> messages = List.of(Map.of("role", "user", "content", WITH_KEY));
    Event e = traced(Map.of("messages", messages), Map.of("answer", WITH_KEY));

    assertThat(e.toString()).doesNotContain(SecretValuesTest.OPENAI_PROJECT);
    Object expected = CaptureTestSupport.capture(CaptureTestSupport.defaults(), messages);
    assertThat(e.inputs().get("messages")).isEqualTo(expected);
    assertThat(expected.toString()).contains(SecretValues.mask(WITH_KEY));
    assertThat(e.outputs()).isEqualTo(Map.of("answer", SecretValues.mask(WITH_KEY)));
  }

  @Test
  void aShortSecretValueInAnImmutableMapIsMasked() {
    String note = "use " + SecretValuesTest.OPENAI;
    Map<String, String> value = Map.of("note", note);
    Object captured = CaptureTestSupport.capture(CaptureTestSupport.defaults(), value);

    assertThat(captured).isNotSameAs(value).isEqualTo(Map.of("note", SecretValues.mask(note)));
  }

  @Test
  void aSecretLookingKeyInAnImmutableMapIsRedacted() {
    Map<String, String> value = Map.of("api_key", "abc", "model", "gpt-4o");
    Object captured = CaptureTestSupport.capture(CaptureTestSupport.defaults(), value);

    assertThat(captured).isNotSameAs(value).isEqualTo(Map.of("api_key", "[redacted]", "model", "gpt-4o"));
  }

  @Test
  void theMaskerSeesEveryKeyAndLeafOfAnImmutableMap() {
    SafeValueCapture capture = CaptureTestSupport.withMasker(
        (key, v) -> v instanceof String s ? s.toUpperCase(java.util.Locale.ROOT) : v);
    Object captured = CaptureTestSupport.capture(capture, Map.of("a", "x"));

    assertThat(captured).isEqualTo(Map.of("A", "X"));
  }

  @Test
  void anImmutableListsTooLongStringIsCutAndCounted() {
    SafeValueCapture capture = CaptureTestSupport.with(b -> b.maxStringLength(16));
    List<String> value = List.of("short", "0123456789abcdefghij");
    CaptureTestSupport.Captured c = CaptureTestSupport.captureIn(capture, "value", value);

    assertThat(c.value()).isNotSameAs(value).isEqualTo(
        List.of("short", "0123456789abcdef" + Markers.truncatedString(20)));
    assertThat(c.truncations()).isEqualTo(1);
  }

  @Test
  void anImmutableListOverTheCollectionLimitIsCutAndCounted() {
    SafeValueCapture capture = CaptureTestSupport.with(b -> b.maxCollectionSize(2));
    List<Integer> value = List.of(1, 2, 3);
    CaptureTestSupport.Captured c = CaptureTestSupport.captureIn(capture, "value", value);

    assertThat(c.value()).isEqualTo(List.of(1, 2, "[truncated: 1 more]"));
    assertThat(c.truncations()).isEqualTo(1);
  }

  @Test
  void immutableListsNestedTooDeepAreCut() {
    SafeValueCapture capture = CaptureTestSupport.with(b -> b.maxDepth(2));
    List<?> value = List.of(List.of(List.of(1)));
    CaptureTestSupport.Captured c = CaptureTestSupport.captureIn(capture, "value", value);

    assertThat(c.value()).isNotSameAs(value).isEqualTo(List.of(List.of(Markers.maxDepth(List.of(1).getClass()))));
    assertThat(c.truncations()).isEqualTo(1);
  }

  @Test
  void anImmutableListOverTheEventBudgetIsCut() {
    SafeValueCapture capture = CaptureTestSupport.with(b -> b.maxEventBytes(4_096));
    List<String> value = List.of("x".repeat(3_000), "y".repeat(3_000));
    CaptureTestSupport.Captured c = CaptureTestSupport.captureIn(capture, "value", value);

    assertThat(c.value()).isNotSameAs(value);
    assertThat(c.truncations()).isPositive();
  }

  @Test
  void aMutableListAndMapChangedAfterTheCallArriveAsTheyWereAtCallTime() {
    List<Object> messages = new ArrayList<>();
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("role", "user");
    first.put("content", CLEAN);
    messages.add(first);
    List<Object> inner = new ArrayList<>(List.of("a", "b"));
    List<Object> wrapping = List.of(inner); // immutable, but holding a mutable list: copied

    InMemoryExporter exporter = new InMemoryExporter();
    Tracer tracer = TestTracers.synchronous(exporter);
    try {
      tracer.trace(SpanKind.MODEL, "chat", Map.of("messages", messages, "wrapping", wrapping), span -> {
        messages.add("added later");
        first.put("content", "changed");
        inner.set(0, "changed");
        return null;
      });
    } finally {
      tracer.shutdown(Duration.ofSeconds(5));
    }
    Event e = exporter.events().get(0);
    assertThat(e.inputs().get("messages")).isEqualTo(List.of(Map.of("role", "user", "content", CLEAN)));
    assertThat(e.inputs().get("wrapping")).isEqualTo(List.of(List.of("a", "b")));
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Answer(String role, String content, String password, String note, int tokens) {}

  @Test
  void aRecordIsRecordedAsJacksonWritesItWithItsSecretsRedactedAndNullsLeftOut() throws Exception {
    Answer answer = new Answer("assistant", WITH_KEY, "hunter2", null, 520);
    InMemoryExporter exporter = new InMemoryExporter();
    Tracer tracer = TestTracers.synchronous(exporter);
    try {
      tracer.trace(SpanKind.MODEL, "chat", Map.of(), span -> answer);
    } finally {
      tracer.shutdown(Duration.ofSeconds(5));
    }
    Object result = exporter.events().get(0).outputs().get("result");

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("role", "assistant");
    expected.put("content", SecretValues.mask(WITH_KEY));
    expected.put("password", "[redacted]");
    expected.put("tokens", 520);
    assertThat(result).isEqualTo(expected);
    assertThat(json(result)).isEqualTo(json(expected));
  }

  @Test
  void aRecordOverTheCollectionLimitEndsWithTheTruncationEntry() throws Exception {
    SafeValueCapture capture = CaptureTestSupport.with(b -> b.maxCollectionSize(2));
    CaptureTestSupport.Captured c = CaptureTestSupport.captureIn(capture, "value",
        new Answer("assistant", "hi", null, "n", 1));

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("role", "assistant");
    expected.put("content", "hi");
    expected.put(Markers.TRUNCATED_ENTRY_KEY, "[truncated: 3 more]");
    assertThat(json(c.value())).isEqualTo(json(expected));
    assertThat(c.truncations()).isEqualTo(1);
  }

  @Test
  void keysThatBecomeTheSameStringKeepTheFirstPlaceAndTheLastValue() throws Exception {
    Map<Object, Object> mixed = new LinkedHashMap<>();
    mixed.put(1, "number");
    mixed.put("a", "letter");
    mixed.put("1", "string");
    Map<String, String> identity = new java.util.IdentityHashMap<>();
    identity.put(new String("k"), "v");
    identity.put(new String("k"), "v");
    Map<Object, Object> many = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      many.put(i, i);
    }
    many.put("7", "again");

    Map<String, Object> expectedMany = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      expectedMany.put(String.valueOf(i), i == 7 ? "again" : i);
    }
    SafeValueCapture capture = CaptureTestSupport.defaults();
    assertThat(json(CaptureTestSupport.capture(capture, mixed))).isEqualTo("{\"1\":\"string\",\"a\":\"letter\"}");
    assertThat(json(CaptureTestSupport.capture(capture, identity))).isEqualTo("{\"k\":\"v\"}");
    assertThat(json(CaptureTestSupport.capture(capture, many))).isEqualTo(json(expectedMany));
  }

  @Test
  void aMapsOwnTruncatedKeyTakesTheTruncationMarker() throws Exception {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put(Markers.TRUNCATED_ENTRY_KEY, "mine");
    value.put("b", 2);
    value.put("c", 3);
    CaptureTestSupport.Captured c = CaptureTestSupport.captureIn(
        CaptureTestSupport.with(b -> b.maxCollectionSize(2)), "value", value);

    assertThat(json(c.value())).isEqualTo("{\"[truncated]\":\"[truncated: 1 more]\",\"b\":2}");
  }

  /** The one event of a traced model call with these inputs, returning {@code outputs}. */
  private static Event traced(Map<String, Object> inputs, Object outputs) {
    InMemoryExporter exporter = new InMemoryExporter();
    Tracer tracer = TestTracers.synchronous(exporter);
    try {
      tracer.trace(SpanKind.MODEL, "chat", inputs, span -> outputs);
    } finally {
      tracer.shutdown(Duration.ofSeconds(5));
    }
    assertThat(exporter.events()).hasSize(1);
    return exporter.events().get(0);
  }
}
