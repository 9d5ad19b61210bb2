package ai.honeyhive.aspects;

import ai.honeyhive.SpanKind;
import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Span;
import ai.honeyhive.Tracer;
import ai.honeyhive.TracerSettings;
import ai.honeyhive.internal.TraceContext;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.internal.JsonMappers;
import ai.honeyhive.transport.model.Event;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Woven calls with hostile arguments: each is traced, returns what it returns untraced, and
 * records a bounded, redacted snapshot.
 */
class CaptureSafetyTest {
  private static final Pattern EMAIL = Pattern.compile("(?<![\\w.+-])[\\w.+-]++@[\\w-]++(?:\\.[\\w-]++)+");

  private InMemoryExporter exporter;
  private Tracer tracer;
  private final CaptureFixtures.Service service = new CaptureFixtures.Service();

  @BeforeEach
  void install() {
    exporter = new InMemoryExporter();
    tracer = HoneyHive.install(Tracer.builder()
        .config(TracingTestSupport.testConfig())
        .settings(TracingTestSupport.testSettings())
        .synchronousExporter(exporter) // exported before the traced call returns
        .masker((key, value) -> value instanceof String s && s.indexOf('@') >= 0 // cheap test first: this runs on every string
        ? EMAIL.matcher(s).replaceAll("<email>") : value)
        .serializer(BigDecimal.class, d -> d.toPlainString() + " EUR")
        .build());
  }

  @AfterEach
  void nothingLeaks() {
    assertThat(TraceContext.current()).isNull();
    assertThat(tracer.internalErrorCount()).isZero();
  }

  private Event only() {
    assertThat(exporter.events()).hasSize(1);
    return exporter.events().get(0);
  }

  private static long size(Event e) throws Exception {
    return JsonMappers.mapper().writeValueAsBytes(e).length;
  }

  @Test
  void aCyclicGraphIsCapturedWithTheCycleMarked() {
    CaptureFixtures.Node a = new CaptureFixtures.Node("a");
    CaptureFixtures.Node b = new CaptureFixtures.Node("b");
    a.next = b;
    b.next = a;
    assertThat(service.follow(a)).isEqualTo("b");
    assertThat(only().inputs().get("head")).isEqualTo(Map.of("name", "a", "next",
        Map.of("name", "b", "next", "[cycle: " + CaptureFixtures.Node.class.getName() + "]")));
  }

  @Test
  void aGetterThatThrowsIsRecordedAndTheCallGoesOn() {
    assertThat(service.load(new CaptureFixtures.Order())).isEqualTo(42);
    Event e = only();
    assertThat(e.inputs().get("order"))
        .isEqualTo(Map.of("id", 42L, "lines", "[error: java.lang.IllegalStateException]"));
    assertThat(e.error()).isNull();
  }

  @Test
  void aMillionElementListIsCutAtTheElementLimit() throws Exception {
    List<Integer> million = IntStream.range(0, 1_000_000).boxed().toList();
    assertThat(service.count(million)).isEqualTo(1_000_000);
    Event e = only();
    List<?> captured = (List<?>) e.inputs().get("items");
    assertThat(captured).hasSize(TracerSettings.DEFAULT_MAX_COLLECTION_SIZE + 1);
    assertThat(captured.get(captured.size() - 1)).isEqualTo("[truncated: 999000 more]");
    assertThat(e.metadata()).containsEntry("honeyhive_truncated", 1);
    assertThat(size(e)).isLessThanOrEqualTo(TracerSettings.DEFAULT_MAX_EVENT_BYTES);
  }

  @Test
  void aHundredLevelStructureIsCutAtTheDepthLimit() {
    Map<String, Object> root = new HashMap<>();
    Map<String, Object> node = root;
    for (int i = 0; i < 100; i++) {
      Map<String, Object> child = new HashMap<>();
      node.put("child", child);
      node = child;
    }
    assertThat(service.nested(root)).isEqualTo("ok");
    Object captured = only().inputs().get("root");
    int levels = 0;
    while (captured instanceof Map<?, ?> m) {
      captured = m.get("child");
      levels++;
    }
    assertThat(levels).isEqualTo(TracerSettings.DEFAULT_MAX_DEPTH);
    assertThat(captured).isEqualTo("[max depth: java.util.HashMap]");
  }

  @Test
  void aTenMegabyteStringIsCutAndTheEventStaysUnderTheLimit() throws Exception {
    String text = "a".repeat(10 * 1024 * 1024);
    assertThat(service.echoHuge(text)).isSameAs(text);
    Event e = only();
    assertThat((String) e.inputs().get("text")).hasSizeLessThan(TracerSettings.DEFAULT_MAX_STRING_LENGTH + 50)
        .endsWith("…[truncated: 10485760 chars]");
    assertThat((String) e.outputs().get("result")).endsWith("…[truncated: 10485760 chars]");
    assertThat(e.metadata()).containsEntry("honeyhive_truncated", 2);
    assertThat(size(e)).isLessThanOrEqualTo(TracerSettings.DEFAULT_MAX_EVENT_BYTES);
  }

  @Test
  void anInputStreamArgumentIsAPlaceholderAndIsNotRead() {
    CaptureFixtures.TrapStream in = new CaptureFixtures.TrapStream();
    assertThat(service.upload(in)).isEqualTo("stored");
    assertThat(in.touched).isFalse();
    assertThat(only().inputs().get("in"))
        .isEqualTo("[InputStream: " + CaptureFixtures.TrapStream.class.getName() + "]");
  }

  @Test
  void aMapWithAPasswordKeyIsMasked() {
    assertThat(service.login(Map.of("user", "ann", "password", "hunter2"))).isEqualTo("welcome ann");
    assertThat(only().inputs().get("form")).isEqualTo(Map.of("user", "ann", "password", "[redacted]"));
  }

  @Test
  void aRedactParameterIsMasked() {
    assertThat(service.charge("c-1", "4111111111111111", 995)).isEqualTo("charged 16");
    assertThat(only().inputs()).containsExactly(
        Map.entry("customer", "c-1"), Map.entry("cardNumber", "[redacted]"), Map.entry("cents", 995));
  }

  @Test
  void aSecretLookingParameterNameIsMasked() {
    service.connect("sk-live-123", "https://api.example.com");
    assertThat(only().inputs()).containsEntry("apiKey", "[redacted]")
        .containsEntry("url", "https://api.example.com");
  }

  @Test
  void inputsAreTakenAtCallTimeAndOutputsAtReturnTime() {
    List<String> items = new ArrayList<>(List.of("a"));
    List<String> returned = service.appendInside(items);
    returned.add("added by the caller afterwards");
    Event e = only();
    assertThat(e.inputs().get("items")).isEqualTo(List.of("a"));
    assertThat(e.outputs().get("result")).isEqualTo(List.of("a", "added inside"));
  }

  @Test
  void theMaskingFunctionSeesEveryValueBeforeItLeaves() {
    Map<String, Object> result = service.profile("ann@example.com");
    assertThat(result.get("email")).as("the caller's value is untouched").isEqualTo("ann@example.com");
    Event e = only();
    assertThat(e.inputs()).containsEntry("email", "<email>");
    assertThat(e.outputs()).containsEntry("email", "<email>").containsEntry("session_token", "[redacted]")
        .containsEntry("visits", 3);
  }

  @Test
  void aRegisteredSerializerIsUsedForItsType() {
    service.identity(new BigDecimal("12.50"));
    assertThat(only().outputs()).containsEntry("result", "12.50 EUR");
  }

  @Test
  void theProgrammaticApiGoesThroughTheSameCapture() {
    try (Span span = tracer.startSpan(SpanKind.MODEL, "call")) {
      span.setInput("authorization", "Bearer x")
          .setInput("prompt", "mail bob@example.org")
          .setConfig("api_key", "sk-1")
          .setMetadata("cookie", "c=1")
          .setOutput(Map.of("text", "hi", "refresh_token", "r"));
    }
    Event e = only();
    assertThat(e.inputs()).containsEntry("authorization", "[redacted]").containsEntry("prompt", "mail <email>");
    assertThat(e.config()).containsEntry("api_key", "[redacted]");
    assertThat(e.metadata()).containsEntry("cookie", "[redacted]");
    assertThat(e.outputs()).containsEntry("text", "hi").containsEntry("refresh_token", "[redacted]");
  }

  @Test
  void explicitSessionValuesAreRedactedAndMasked() {
    try (ai.honeyhive.Session session = tracer.startCurrentSession("s", Map.of("password", "p", "who", "ann@example.com"))) {
      session.setMetadata("api_key", "k").setUserProperty("email", "bob@example.org");
      service.length("x");
    }
    var props = exporter.batches().get(0).sessionProperties();
    assertThat(props.inputs()).containsEntry("password", "[redacted]").containsEntry("who", "<email>");
    assertThat(props.metadata()).containsEntry("api_key", "[redacted]");
    assertThat(props.userProperties()).containsEntry("email", "<email>");
  }

  @Test
  void anErrorMessageIsMaskedAndLimitedToo() {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() ->
        tracer.trace(SpanKind.TOOL, "t", Map.of(), span -> {
          throw new IllegalStateException("no user ann@example.com " + "x".repeat(100_000));
        }));
    assertThat(thrown).isInstanceOf(IllegalStateException.class);
    assertThat(only().error()).startsWith("java.lang.IllegalStateException: no user <email> xxx")
        .endsWith("chars]").hasSizeLessThan(TracerSettings.DEFAULT_MAX_STRING_LENGTH + 100);
  }
}
