package ai.honeyhive.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.internal.CaptureBudget;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ai.honeyhive.SpanKind;
import ai.honeyhive.TestTracers;
import ai.honeyhive.Tracer;
import ai.honeyhive.transport.export.InMemoryExporter;
import org.junit.jupiter.api.Test;

/**
 * An event's long strings are kept as they are on the caller's thread and scanned for
 * secret-looking values when the event is finished ({@link SafeValueCapture#limit}, on the export
 * worker): what leaves is exactly what scanning at call time gives.
 */
class LaterScanTest {
  private static final String PAD = "Summarise the following support ticket for the on-call engineer. ".repeat(3);
  /** Long texts with secrets of each shape, and one with none. */
  private static final List<String> TEXTS = List.of(
      PAD + "my key is " + SecretValuesTest.OPENAI + " please rotate it",
      PAD + "jdbc: postgres://admin:hunter2hunter2@db.internal:5432/app and pwd=abc;",
      PAD + "Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345 was in the log",
      PAD + "{\"api_key\": \"abc\", \"model\": \"gpt-4o\"}",
      PAD + "AKIAIOSFODNN7EXAMPLE and " + SecretValuesTest.OPENAI_PROJECT,
      PAD + "nothing secret here: a-b-c, A: B = C @ home");

  private static Event event(Map<String, Object> inputs, Map<String, Object> outputs, String error) {
    return Event.builder().project("p").eventType(EventType.MODEL).eventName("m").source("test")
        .sessionId("s-1").eventId("e-1").parentId("s-1").childrenIds(List.of())
        .config(Map.of()).inputs(inputs).outputs(outputs).metadata(Map.of()).error(error)
        .startTime(1L).endTime(2L).duration(1.0).build();
  }

  /** The event as it leaves: captured with {@code budget}, then finished. */
  private static Event finished(SafeValueCapture capture, CaptureBudget budget, Object messages, Object answer) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("messages", capture.capture("messages", messages, budget));
    inputs.put("prompt", capture.capture("prompt", TEXTS.get(1), budget));
    Map<String, Object> outputs = new LinkedHashMap<>();
    outputs.put("result", capture.capture(null, answer, budget));
    Object error = capture.capture("error", TEXTS.get(2), budget);
    return capture.limit(event(inputs, outputs, (String) error), budget);
  }

  private static List<Map<String, Object>> messages() {
    List<Map<String, Object>> messages = new ArrayList<>();
    for (String text : TEXTS) {
      messages.add(Map.of("role", "user", "content", text));
    }
    return messages;
  }

  @Test
  void anEventLeavesWithExactlyWhatScanningAtCallTimeRecords() {
    SafeValueCapture capture = CaptureTestSupport.defaults();
    Event now = finished(capture, capture.newBudget(), messages(), TEXTS);
    CaptureBudget later = capture.newEventBudget();
    assertThat(later.scansLater()).isTrue();
    Event scannedLater = finished(capture, later, messages(), TEXTS);

    assertThat(scannedLater.inputs()).isEqualTo(now.inputs());
    assertThat(scannedLater.outputs()).isEqualTo(now.outputs());
    assertThat(scannedLater.error()).isEqualTo(now.error()).doesNotContain("abcdefghijklmnopqrstuvwxyz012345");
    assertThat(scannedLater.toString()).doesNotContain(SecretValuesTest.OPENAI)
        .doesNotContain(SecretValuesTest.OPENAI_PROJECT).doesNotContain("hunter2").doesNotContain("AKIAIOSFODNN7EXAMPLE");
  }

  @Test
  void aLongStringIsKeptAsItIsUntilTheEventIsFinished() {
    SafeValueCapture capture = CaptureTestSupport.defaults();
    CaptureBudget budget = capture.newEventBudget();
    String prompt = TEXTS.get(0);
    Object captured = capture.capture("prompt", prompt, budget);

    assertThat(captured).isSameAs(prompt);
    Event out = capture.limit(event(Map.of("prompt", captured), Map.of(), null), budget);
    assertThat((String) out.inputs().get("prompt")).isEqualTo(SecretValues.mask(prompt))
        .doesNotContain(SecretValuesTest.OPENAI);
  }

  @Test
  void theEventsOwnMapsAreNotChangedInPlace() {
    SafeValueCapture capture = CaptureTestSupport.defaults();
    CaptureBudget budget = capture.newEventBudget();
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("prompt", capture.capture("prompt", TEXTS.get(0), budget));
    Event out = capture.limit(event(inputs, Map.of(), null), budget);

    assertThat(inputs.get("prompt")).isSameAs(TEXTS.get(0));
    assertThat(out.inputs().get("prompt")).isNotEqualTo(TEXTS.get(0));
  }

  @Test
  void stringsThatWereNotNotedAreLeftAlone() {
    SafeValueCapture capture = CaptureTestSupport.defaults();
    CaptureBudget budget = capture.newEventBudget();
    Object prompt = capture.capture("prompt", TEXTS.get(0), budget);
    String notCaptured = "not captured, so not ours to scan: pwd=abcdefg; " + PAD;
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("prompt", prompt);
    inputs.put("other", notCaptured);
    Event out = capture.limit(event(inputs, Map.of(), null), budget);

    assertThat(out.inputs().get("other")).isSameAs(notCaptured);
  }

  @Test
  void shortStringsAndMaskedCapturesAreStillScannedOnTheCallersThread() {
    SafeValueCapture capture = CaptureTestSupport.defaults();
    CaptureBudget budget = capture.newEventBudget();
    assertThat(capture.capture("prompt", "key " + SecretValuesTest.OPENAI, budget)).isEqualTo("key [redacted]");
    assertThat(budget.toScan()).isNull();

    SafeValueCapture masking = CaptureTestSupport.withMasker((key, value) -> value);
    CaptureBudget masked = masking.newEventBudget();
    assertThat(masked.scansLater()).isFalse();
    assertThat((String) masking.capture("prompt", TEXTS.get(0), masked)).doesNotContain(SecretValuesTest.OPENAI);
  }

  @Test
  void withScanningOffNothingIsNoted() {
    SafeValueCapture capture = CaptureTestSupport.with(b -> b.scanSecretValues(false));
    CaptureBudget budget = capture.newEventBudget();
    assertThat(capture.capture("prompt", TEXTS.get(0), budget)).isEqualTo(TEXTS.get(0));
    assertThat(budget.toScan()).isNull();
  }

  @Test
  void aTracedModelCallsPromptAndAnswerArriveMasked() {
    InMemoryExporter exporter = new InMemoryExporter();
    Tracer tracer = TestTracers.synchronous(exporter);
    try {
      tracer.trace(SpanKind.MODEL, "chat", Map.of("messages", messages()), span -> {
        span.setMetadata("note", TEXTS.get(1));
        span.setOutput(Map.of("content", TEXTS.get(4)));
        return null;
      });
    } finally {
      tracer.shutdown(java.time.Duration.ofSeconds(5));
    }
    assertThat(exporter.events()).hasSize(1);
    Event e = exporter.events().get(0);
    SafeValueCapture now = CaptureTestSupport.defaults();
    assertThat(e.inputs().get("messages")).isEqualTo(CaptureTestSupport.capture(now, messages()));
    assertThat(e.metadata().get("note")).isEqualTo(SecretValues.mask(TEXTS.get(1)));
    assertThat(e.toString()).doesNotContain(SecretValuesTest.OPENAI).doesNotContain("hunter2")
        .doesNotContain("AKIAIOSFODNN7EXAMPLE").doesNotContain(SecretValuesTest.OPENAI_PROJECT);
  }
}
