package ai.honeyhive.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.Scope;
import ai.honeyhive.SpanKind;
import ai.honeyhive.TestTracers;
import ai.honeyhive.Tracer;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.Event;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Incoming headers are untrusted: what is malformed, oversized or conflicting is refused and
 * counted, keys we do not read are ignored and counted, nothing throws, and nothing but the
 * validated fields reaches an event.
 */
class HostileHeadersTest {
  private static final String SESSION = "0f1e2d3c-4b5a-4697-8877-665544332211";
  private static final String PARENT = "11223344-5566-4778-8899-aabbccddeeff";
  private static final String TRACEPARENT = "00-0f1e2d3c4b5a46978877665544332211-8899aabbccddeeff-01";

  private static RemoteContext extract(String traceparent, String baggage) {
    Map<String, List<String>> h = new HashMap<>();
    if (traceparent != null) {
      h.put("traceparent", List.of(traceparent));
    }
    if (baggage != null) {
      h.put("baggage", List.of(baggage));
    }
    return Propagation.extract(h);
  }

  @Test
  void aWellFormedContextIsRead() {
    RemoteContext r = extract(TRACEPARENT, "session_id=" + SESSION + ",parent_id=" + PARENT.toUpperCase()
        + ",project=My%20Project,source=prod");
    assertThat(r.isPresent()).isTrue();
    assertThat(r.sessionId()).contains(SESSION);
    assertThat(r.parentEventId()).contains(PARENT);   // normalized to lower case
    assertThat(r.traceId()).contains("0f1e2d3c4b5a46978877665544332211");
    assertThat(r.sampled()).isTrue();
    assertThat(r.project()).contains("My Project");
    assertThat(r.source()).contains("prod");
  }

  @Test
  void pythonSdkAliasesAreAccepted() {
    RemoteContext r = extract(null, "honeyhive.session_id=" + SESSION + ",honeyhive_project=p1,honeyhive.source=s1");
    assertThat(r.sessionId()).contains(SESSION);
    assertThat(r.project()).contains("p1");
    assertThat(r.source()).contains("s1");
    assertThat(r.sampled()).as("no traceparent: the baggage alone continues, sampled").isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "00-0F1E2D3C4B5A46978877665544332211-8899aabbccddeeff-01",   // upper-case hex
      "00-0f1e2d3c4b5a46978877665544332211-8899aabbccddeeff-01-extra",   // version 00 has nothing after the flags
      "00-00000000000000000000000000000000-8899aabbccddeeff-01",   // zero trace id
      "00-0f1e2d3c4b5a46978877665544332211-0000000000000000-01",   // zero span id
      "ff-0f1e2d3c4b5a46978877665544332211-8899aabbccddeeff-01",   // version ff
      "00-0f1e2d3c4b5a46978877665544332211-8899aabbccddeeff",   // no flags
      "00_0f1e2d3c4b5a46978877665544332211_8899aabbccddeeff_01",
      "",
      "00-0f1e2d3c4b5a4697887766554433221g-8899aabbccddeeff-01"})
  void aMalformedTraceparentIsRefusedAndCountedTheBaggageStillCounts(String traceparent) {
    long rejected = Propagation.stats().rejected();
    RemoteContext r = extract(traceparent, "session_id=" + SESSION);
    assertThat(Propagation.stats().rejected()).isEqualTo(rejected + 1);
    assertThat(r.traceId()).isEmpty();
    assertThat(r.sessionId()).contains(SESSION);
  }

  @Test
  void aLaterTraceparentVersionIsReadForwardCompatibly() {
    RemoteContext r = extract("01-0f1e2d3c4b5a46978877665544332211-8899aabbccddeeff-00-whatever", "session_id=" + SESSION);
    assertThat(r.traceId()).contains("0f1e2d3c4b5a46978877665544332211");
    assertThat(r.sampled()).isFalse();
  }

  @Test
  void twoTraceparentHeadersAreRefused() {
    long rejected = Propagation.stats().rejected();
    RemoteContext r = Propagation.extract(Map.of("Traceparent", List.of(TRACEPARENT, TRACEPARENT),
        "Baggage", List.of("session_id=" + SESSION)));
    assertThat(Propagation.stats().rejected()).isEqualTo(rejected + 1);
    assertThat(r.traceId()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "session_id=not-a-uuid",
      "session_id=0f1e2d3c4b5a46978877665544332211",   // hex without dashes
      "session_id=0f1e2d3c-4b5a-4697-8877-66554433221",   // one digit short
      "session_id={0f1e2d3c-4b5a-4697-8877-665544332211}",
      "session_id=0f1e2d3c-4b5a-4697-8877-665544332211%0D%0AX-Injected: 1",
      "session_id=%ZZ",
      "session_id=0f1e2d3c-4b5a-4697-8877-66554433221é"})
  void aSessionIdThatIsNotAUuidIsRefusedAndNothingIsContinued(String baggage) {
    long rejected = Propagation.stats().rejected();
    RemoteContext r = extract(TRACEPARENT, baggage);
    assertThat(r.isPresent()).isFalse();
    assertThat(Propagation.stats().rejected()).isEqualTo(rejected + 1);
  }

  @Test
  void aParentIdThatIsNotAUuidIsRefusedTheSessionIsStillJoinedAtTheTop() {
    long rejected = Propagation.stats().rejected();
    RemoteContext r = extract(TRACEPARENT, "session_id=" + SESSION + ",parent_id=../../admin");
    assertThat(Propagation.stats().rejected()).isEqualTo(rejected + 1);
    assertThat(r.sessionId()).contains(SESSION);
    assertThat(r.parentEventId()).isEmpty();
  }

  @Test
  void conflictingSessionIdsCancelEachOther() {
    long rejected = Propagation.stats().rejected();
    RemoteContext r = extract(TRACEPARENT, "session_id=" + SESSION + ",honeyhive_session_id=" + PARENT);
    assertThat(r.isPresent()).isFalse();
    assertThat(Propagation.stats().rejected()).isEqualTo(rejected + 1);
    assertThat(extract(TRACEPARENT, "session_id=" + SESSION + ",session_id=" + SESSION).sessionId())
        .as("the same value twice is fine").contains(SESSION);
  }

  @Test
  void unknownBaggageKeysAreIgnoredAndCounted() {
    long ignored = Propagation.stats().ignored();
    long rejected = Propagation.stats().rejected();
    RemoteContext r = extract(TRACEPARENT, "userId=alice,session_id=" + SESSION + ",event_id=" + PARENT
        + ",honeyhive_tracer_id=x,metadata=%7B%22admin%22%3Atrue%7D");
    assertThat(r.sessionId()).contains(SESSION);
    assertThat(r.parentEventId()).isEmpty();
    assertThat(Propagation.stats().ignored()).isEqualTo(ignored + 4);
    assertThat(Propagation.stats().rejected()).isEqualTo(rejected);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "project=a%2Csession_id%3D" + "00000000-0000-4000-8000-000000000000",   // a delimiter smuggled in encoded
      "project=a%3Bx%3Dy",
      "project=%0Aevil",
      "project=%22quoted%22",
      "project=%3Cscript%3E",
      "project=",
      "project=%E2%80%AEevil"})   // a bidi control
  void aProjectWithCharactersANameCannotHaveIsRefused(String entry) {
    long rejected = Propagation.stats().rejected();
    RemoteContext r = extract(TRACEPARENT, "session_id=" + SESSION + "," + entry);
    assertThat(r.sessionId()).contains(SESSION);
    assertThat(r.project()).isEmpty();
    assertThat(Propagation.stats().rejected()).isEqualTo(rejected + 1);
  }

  @Test
  void propertiesAfterAValueAreDropped() {
    RemoteContext r = extract(TRACEPARENT, "session_id=" + SESSION + ";parent_id=" + PARENT + ",source=prod;x=y");
    assertThat(r.sessionId()).contains(SESSION);
    assertThat(r.parentEventId()).isEmpty();
    assertThat(r.source()).contains("prod");
  }

  @Test
  void oversizedHeadersAndEntriesAreRefusedWhole() {
    long rejected = Propagation.stats().rejected();
    String huge = "session_id=" + SESSION + ",x=" + "a".repeat(9_000);
    assertThat(extract(TRACEPARENT, huge).isPresent()).isFalse();
    assertThat(Propagation.stats().rejected()).isEqualTo(rejected + 1);

    StringBuilder many = new StringBuilder("session_id=" + SESSION);
    for (int i = 0; i < 100; i++) {
      many.append(",k").append(i).append("=v");
    }
    assertThat(extract(TRACEPARENT, many.toString()).isPresent()).isFalse();
    assertThat(Propagation.stats().rejected()).isEqualTo(rejected + 2);

    RemoteContext longProject = extract(TRACEPARENT, "session_id=" + SESSION + ",project=" + "p".repeat(2_000));
    assertThat(longProject.project()).isEmpty();
    assertThat(longProject.sessionId()).contains(SESSION);
    assertThat(Propagation.stats().rejected()).isEqualTo(rejected + 3);

    assertThat(extract("00-" + "a".repeat(10_000), "session_id=" + SESSION).traceId()).isEmpty();
    assertThat(Propagation.stats().rejected()).isEqualTo(rejected + 4);
  }

  @Test
  void anOversizedOrBinaryTracestateIsNotPassedOn() {
    long rejected = Propagation.stats().rejected();
    Map<String, List<String>> h = Map.of("traceparent", List.of(TRACEPARENT), "baggage", List.of("session_id=" + SESSION),
        "tracestate", List.of("vendor=" + "x".repeat(600)));
    InMemoryExporter out = new InMemoryExporter();
    Tracer tracer = TestTracers.synchronous(out);
    Map<String, String> sent = new HashMap<>();
    try (Scope s = Propagation.extract(h).makeCurrent(tracer)) {
      tracer.trace(SpanKind.TOOL, "call", Map.of(), span -> Propagation.inject(sent, Map::put));
    }
    assertThat(Propagation.stats().rejected()).isEqualTo(rejected + 1);
    assertThat(sent).containsKey("traceparent").doesNotContainKey("tracestate");
  }

  @Test
  void aCarrierThatThrowsIsTheEmptyContext() {
    RemoteContext r = Propagation.extract(new Object(), (c, k) -> {
      throw new IllegalStateException("broken carrier");
    });
    assertThat(r.isPresent()).isFalse();
  }

  @Test
  void onlyValidatedFieldsReachTheEvents() {
    InMemoryExporter out = new InMemoryExporter();
    Tracer tracer = TestTracers.synchronous(out);
    RemoteContext r = extract(TRACEPARENT, "session_id=" + SESSION + ",parent_id=" + PARENT
        + ",project=p%0A%22x%22,source=ok,event_type=model,inputs=%7B%7D");
    try (Scope s = r.makeCurrent(tracer)) {
      tracer.trace(SpanKind.TOOL, "tool", Map.of(), span -> "done");
    }
    tracer.flush(java.time.Duration.ofSeconds(5));
    Event e = out.events().get(0);
    assertThat(e.sessionId()).isEqualTo(SESSION);
    assertThat(e.parentId()).isEqualTo(PARENT);
    assertThat(e.eventType().wireName()).isEqualTo("tool");
    assertThat(e.project()).isEqualTo("p");   // the refused project fell back to this tracer's own
    assertThat(e.source()).isEqualTo("ok");
    assertThat(e.inputs()).isEmpty();
  }
}
