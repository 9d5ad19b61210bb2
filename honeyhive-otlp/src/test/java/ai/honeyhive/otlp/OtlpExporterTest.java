package ai.honeyhive.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.ExportSettings;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.transport.export.ExportException;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import ai.honeyhive.transport.model.SessionProperties;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OtlpExporterTest {
  static final String KEY = "hh-test-key-5f0c1d";
  static final String SESSION = "7f3b2c1a-9d4e-4f6a-8b2c-1d0e9f8a7b6c";
  static final String ROOT = "0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d";
  static final String CHILD = "11223344-5566-4778-8899-aabbccddeeff";
  static final long T0 = 1_760_000_000_123L;

  OtlpReceiver receiver;

  @BeforeEach
  void start() throws Exception {
    receiver = new OtlpReceiver();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  static ExportSettings fastRetries() {
    return ExportSettings.builder()
        .initialBackoff(Duration.ofMillis(5))
        .maxBackoff(Duration.ofMillis(20))
        .maxRetryElapsed(Duration.ofSeconds(20))
        .build();
  }

  OtlpExporter exporter() {
    return OtlpExporter.builder()
        .endpoint(receiver.url("/opentelemetry/v1/traces"))
        .apiKey(KEY)
        .source("staging")
        .settings(fastRetries())
        .build();
  }

  /** A session as the tracer hands it over: a chain with a model call under it that failed. */
  static BatchRequest session() {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("question", "What is OTLP?");
    inputs.put("options", Map.of("k", 3));
    inputs.put("tags", List.of("a", "b"));
    inputs.put("missing", null);
    Event root = Event.builder()
        .project("proj").source("staging").eventType(EventType.CHAIN).eventName("answer")
        .sessionId(SESSION).eventId(ROOT).parentId(SESSION).childrenIds(List.of(CHILD))
        .inputs(inputs).outputs(Map.of("answer", "a protocol"))
        .config(Map.of("temperature", 0.2)).metadata(Map.of("tenant", "acme"))
        .metrics(Map.of("tokens", 42L)).feedback(Map.of("liked", true))
        .startTime(T0).endTime(T0 + 250).duration(250.5)
        .build();
    Event child = Event.builder()
        .project("proj").source("staging").eventType(EventType.MODEL).eventName("openai.chat")
        .sessionId(SESSION).eventId(CHILD).parentId(ROOT)
        .inputs(Map.of("prompt", "hi")).error("java.io.IOException: connection reset")
        .startTime(T0 + 10).endTime(T0 + 200).duration(190.0)
        .build();
    SessionProperties props = new SessionProperties("staging", "support-chat", SESSION, null,
        Map.of("user", "u1"), null, null, null, null, null, null);
    return BatchRequest.ofSession(props, List.of(root, child));
  }

  static Map<String, AnyValue> attributes(List<KeyValue> kvs) {
    Map<String, AnyValue> m = new LinkedHashMap<>();
    for (KeyValue kv : kvs) {
      assertThat(m.put(kv.getKey(), kv.getValue())).as("attribute %s once", kv.getKey()).isNull();
    }
    return m;
  }

  static AnyValue str(String s) {
    return AnyValue.newBuilder().setStringValue(s).build();
  }

  static String hex(com.google.protobuf.ByteString b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b.toByteArray()) {
      sb.append(String.format("%02x", x));
    }
    return sb.toString();
  }

  @Test
  void eachEventArrivesAsASpanReadableByTheOfficialOtlpClasses() throws Exception {
    try (OtlpExporter exporter = exporter()) {
      exporter.export(List.of(session())).get(10, TimeUnit.SECONDS);
    }

    assertThat(receiver.received()).hasSize(1);
    OtlpReceiver.Received r = receiver.received().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/opentelemetry/v1/traces");
    assertThat(r.header("Content-Type")).isEqualTo("application/x-protobuf");
    assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(r.header("X-Source")).isEqualTo("staging");
    assertThat(r.header("hh-client-language")).isEqualTo("java");

    ExportTraceServiceRequest req = r.decode();
    assertThat(req.getResourceSpansCount()).isEqualTo(1);
    ResourceSpans rs = req.getResourceSpans(0);
    assertThat(attributes(rs.getResource().getAttributesList())).containsEntry("service.name", str("proj"))
        .containsEntry("honeyhive.project", str("proj"))
        .containsEntry("honeyhive.source", str("staging"))
        .containsEntry("telemetry.sdk.name", str("honeyhive-java"))
        .containsEntry("telemetry.sdk.language", str("java"));
    assertThat(rs.getScopeSpansCount()).isEqualTo(1);
    ScopeSpans ss = rs.getScopeSpans(0);
    assertThat(ss.getScope().getName()).isEqualTo("honeyhive-java");
    // the session is no span of its own: two events, two spans
    assertThat(ss.getSpansList()).extracting(Span::getName).containsExactly("answer", "openai.chat");

    Span root = ss.getSpans(0);
    assertThat(hex(root.getTraceId())).isEqualTo(SESSION.replace("-", ""));
    assertThat(hex(root.getSpanId())).isEqualTo("0a1b2c3d4e5f4a6b");
    assertThat(root.getParentSpanId().isEmpty()).as("a top-level event is a root span").isTrue();
    assertThat(root.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_INTERNAL);
    assertThat(root.getStartTimeUnixNano()).isEqualTo(T0 * 1_000_000L);
    assertThat(root.getEndTimeUnixNano()).isEqualTo(T0 * 1_000_000L + 250_500_000L);
    assertThat(root.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
    assertThat(root.getEventsCount()).isZero();
    Map<String, AnyValue> a = attributes(root.getAttributesList());
    assertThat(a).containsEntry("honeyhive_event_type", str("chain"))
        .containsEntry("honeyhive_event_name", str("answer"))
        .containsEntry("honeyhive_event_id", str(ROOT))
        .containsEntry("honeyhive.session_id", str(SESSION))
        .containsEntry("honeyhive.project", str("proj"))
        .containsEntry("honeyhive.source", str("staging"))
        .containsEntry("traceloop.association.properties.session_id", str(SESSION))
        .containsEntry("traceloop.association.properties.project", str("proj"))
        .containsEntry("traceloop.association.properties.source", str("staging"))
        .containsEntry("honeyhive.session_auto_create", AnyValue.newBuilder().setBoolValue(true).build())
        .containsEntry("honeyhive.session_name", str("support-chat"))
        .containsEntry("honeyhive_inputs.question", str("What is OTLP?"))
        .containsEntry("honeyhive_inputs.options.k", AnyValue.newBuilder().setIntValue(3).build())
        .containsEntry("honeyhive_inputs.tags.0", str("a"))
        .containsEntry("honeyhive_inputs.tags.1", str("b"))
        .containsEntry("honeyhive_outputs.answer", str("a protocol"))
        .containsEntry("honeyhive_config.temperature", AnyValue.newBuilder().setDoubleValue(0.2).build())
        .containsEntry("honeyhive_metadata.tenant", str("acme"))
        .containsEntry("honeyhive_metrics.tokens", AnyValue.newBuilder().setIntValue(42).build())
        .containsEntry("honeyhive_feedback.liked", AnyValue.newBuilder().setBoolValue(true).build())
        .containsEntry("honeyhive_duration_ms", AnyValue.newBuilder().setDoubleValue(250.5).build())
        .doesNotContainKeys("honeyhive_inputs.missing", "honeyhive.parent_id", "honeyhive_error");

    Span child = ss.getSpans(1);
    assertThat(child.getTraceId()).isEqualTo(root.getTraceId());
    assertThat(hex(child.getSpanId())).isEqualTo("1122334455664778");
    assertThat(child.getParentSpanId()).isEqualTo(root.getSpanId());
    assertThat(child.getStartTimeUnixNano()).isEqualTo((T0 + 10) * 1_000_000L);
    assertThat(child.getEndTimeUnixNano()).isEqualTo((T0 + 200) * 1_000_000L);
    assertThat(child.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(child.getStatus().getMessage()).isEqualTo("java.io.IOException: connection reset");
    assertThat(child.getEventsCount()).isEqualTo(1);
    assertThat(child.getEvents(0).getName()).isEqualTo("exception");
    assertThat(child.getEvents(0).getTimeUnixNano()).isEqualTo(child.getEndTimeUnixNano());
    assertThat(attributes(child.getEvents(0).getAttributesList()))
        .containsEntry("exception.message", str("java.io.IOException: connection reset"));
    assertThat(attributes(child.getAttributesList()))
        .containsEntry("honeyhive_event_type", str("model"))
        .containsEntry("honeyhive.parent_id", str(ROOT))
        .containsEntry("honeyhive_error", str("java.io.IOException: connection reset"))
        .containsEntry("honeyhive_inputs.prompt", str("hi"));
  }

  @Test
  void manySessionsGoInOneRequestEachItsOwnTrace() throws Exception {
    BatchRequest first = session();
    String otherSession = "22222222-3333-4444-8555-666666666666";
    Event lone = Event.builder().project("other").source("prod").eventType(EventType.TOOL).eventName("search")
        .sessionId(otherSession).eventId("33333333-4444-4555-8666-777777777777").parentId(otherSession)
        .startTime(T0).endTime(T0 + 5).build();
    BatchRequest second = BatchRequest.ofSession(SessionProperties.ofId(otherSession), List.of(lone));
    try (OtlpExporter exporter = exporter()) {
      exporter.export(List.of(first, second)).get(10, TimeUnit.SECONDS);
    }
    assertThat(receiver.received()).hasSize(1);
    ExportTraceServiceRequest req = receiver.received().get(0).decode();
    assertThat(req.getResourceSpansList()).extracting(rs -> attributes(rs.getResource().getAttributesList())
        .get("honeyhive.project").getStringValue()).containsExactly("proj", "other");
    Span search = req.getResourceSpans(1).getScopeSpans(0).getSpans(0);
    assertThat(hex(search.getTraceId())).isEqualTo(otherSession.replace("-", ""));
    // a follow-up batch does not announce its session: no name, still auto-created
    assertThat(attributes(search.getAttributesList())).doesNotContainKey("honeyhive.session_name")
        .containsEntry("honeyhive.session_auto_create", AnyValue.newBuilder().setBoolValue(true).build());
  }

  @Test
  void aServerErrorIsRetriedAndTheSameSpansArriveAgain() throws Exception {
    receiver.then(500, Map.of());
    try (OtlpExporter exporter = exporter()) {
      exporter.export(List.of(session())).get(10, TimeUnit.SECONDS);
      assertThat(exporter.retryCount()).isEqualTo(1);
    }
    List<OtlpReceiver.Received> got = receiver.received();
    assertThat(got).hasSize(2);
    assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
  }

  @Test
  void retryAfterOnA429IsHonoured() throws Exception {
    receiver.then(429, Map.of("Retry-After", "1"));
    try (OtlpExporter exporter = exporter()) {
      exporter.export(List.of(session())).get(10, TimeUnit.SECONDS);
    }
    List<OtlpReceiver.Received> got = receiver.received();
    assertThat(got).hasSize(2);
    // the backoff alone would be at most 20 ms: only the server's one second explains the wait
    assertThat(Duration.ofNanos(got.get(1).atNanos() - got.get(0).atNanos())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    assertThat(got.get(1).decode().getResourceSpans(0).getScopeSpans(0).getSpansCount()).isEqualTo(2);
  }

  @Test
  void aRejectedKeyFailsTheExportWithoutRetrying() throws Exception {
    receiver.then(401, Map.of());
    try (OtlpExporter exporter = exporter()) {
      assertThatThrownBy(() -> exporter.export(List.of(session())).get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(ExportException.class)
          .satisfies(e -> assertThat(((ExportException) e).rejectedEvents()).isEqualTo(2))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    }
    assertThat(receiver.received()).hasSize(1);
  }

  static byte[] partialSuccess(long rejected, String message) {
    return ExportTraceServiceResponse.newBuilder()
        .setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(rejected).setErrorMessage(message))
        .build().toByteArray();
  }

  @Test
  void spansTheReceiverRejectedInAPartialSuccessCountAsFailedAndAreNotSentAgain() throws Exception {
    receiver.then(200, Map.of(), partialSuccess(1, "span too large for key " + KEY));
    try (OtlpExporter exporter = exporter()) {
      assertThatThrownBy(() -> exporter.export(List.of(session())).get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(ExportException.class)
          .satisfies(e -> assertThat(((ExportException) e).failedEvents()).isEqualTo(1))
          .satisfies(e -> assertThat(((ExportException) e).rejectedEvents()).as("not a rejected key").isZero())
          .satisfies(e -> assertThat(e.getMessage()).contains("rejected 1 of its 2 events", "span too large")
              .doesNotContain(KEY));
      assertThat(exporter.retryCount()).isZero();
    }
    assertThat(receiver.received()).hasSize(1);
  }

  @Test
  void aPartialSuccessThatRejectsNothingIsAWarningAndTheExportSucceeds() throws Exception {
    receiver.then(200, Map.of(), partialSuccess(0, "attribute honeyhive_inputs.options.k is deprecated; key " + KEY));
    PrintStream stderr = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));   // where slf4j-simple writes
    try (OtlpExporter exporter = exporter()) {
      exporter.export(List.of(session())).get(10, TimeUnit.SECONDS);
    } finally {
      System.setErr(stderr);
    }
    assertThat(receiver.received()).hasSize(1);
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("took every event, with a warning: attribute honeyhive_inputs.options.k is deprecated")
        .doesNotContain(KEY);
  }

  @Test
  void anAnswerThatIsNotAnOtlpResponseCountsAsDelivered() throws Exception {
    receiver.then(200, Map.of(), "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
    try (OtlpExporter exporter = exporter()) {
      exporter.export(List.of(session())).get(10, TimeUnit.SECONDS);
    }
    assertThat(receiver.received()).hasSize(1);
  }

  @Test
  void toACollectorWithoutKeyNoAuthorizationIsSent() throws Exception {
    try (OtlpExporter exporter = OtlpExporter.builder().endpoint(receiver.url("/v1/traces"))
        .header("X-Collector-Token", "t0k").serviceName("rag-service").build()) {
      exporter.export(List.of(session())).get(10, TimeUnit.SECONDS);
    }
    OtlpReceiver.Received r = receiver.received().get(0);
    assertThat(r.path()).isEqualTo("/v1/traces");
    assertThat(r.header("Authorization")).isNull();
    assertThat(r.header("X-Collector-Token")).isEqualTo("t0k");
    assertThat(attributes(r.decode().getResourceSpans(0).getResource().getAttributesList()))
        .containsEntry("service.name", str("rag-service"));
  }

  @Test
  void createSendsToTheApiUrlsOtlpPathWithTheConfiguredKeyAndSource() throws Exception {
    HoneyHiveConfig config = HoneyHiveConfig.builder().apiKey(KEY).project("proj").source("prod")
        .apiUrl(receiver.url("/").toString()).build();
    try (OtlpExporter exporter = OtlpExporter.create(config)) {
      assertThat(exporter.toString()).contains("/opentelemetry/v1/traces").doesNotContain(KEY);
      exporter.export(List.of(session())).get(10, TimeUnit.SECONDS);
    }
    OtlpReceiver.Received r = receiver.received().get(0);
    assertThat(r.path()).isEqualTo("/opentelemetry/v1/traces");
    assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(r.header("X-Source")).isEqualTo("prod");
  }

  @Test
  void badSettingsSayWhatWasWrong() {
    assertThatThrownBy(() -> OtlpExporter.builder().endpoint(URI.create("ftp://x/v1/traces")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("http or https");
    assertThatThrownBy(() -> OtlpExporter.builder().header("Authorization", "Bearer x"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("apiKey");
    assertThatThrownBy(() -> OtlpExporter.builder().header("X-A", "b\r\nX-Injected: 1"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("line break");
    assertThatThrownBy(() -> OtlpExporter.create(HoneyHiveConfig.builder().project("p").build()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("HH_API_KEY");
  }
}
