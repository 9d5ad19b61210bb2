package ai.honeyhive.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.honeyhive.Session;
import ai.honeyhive.SpanKind;
import ai.honeyhive.Tracer;
import ai.honeyhive.config.HoneyHiveConfig;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The tracer's own pipeline (batching processor, bounded queue, retries) in front of the OTLP exporter. */
@Timeout(60)
class TracerToOtlpTest {

  @Test
  void wholeSessionTreesArriveOnceThroughAFailingFirstAttempt() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      receiver.then(503, Map.of());
      OtlpExporter exporter = OtlpExporter.builder()
          .endpoint(receiver.url("/v1/traces"))
          .apiKey(OtlpExporterTest.KEY)
          .settings(OtlpExporterTest.fastRetries())
          .build();
      Tracer tracer = Tracer.builder()
          .config(HoneyHiveConfig.builder().project("proj").source("test").build())
          .exporter(exporter)
          .build();

      for (int i = 0; i < 3; i++) {
        int n = i;
        try (Session session = tracer.startCurrentSession("question-" + n)) {
          tracer.trace(SpanKind.CHAIN, "plan", Map.of("q", n), plan -> {
            tracer.trace(SpanKind.TOOL, "search", Map.of("query", "q" + n), s -> "result " + n);
            assertThatThrownBy(() -> tracer.trace(SpanKind.MODEL, "llm", Map.of(), s -> {
              throw new IllegalStateException("model down");
            })).hasMessage("model down");
            return "done";
          });
        }
      }
      assertThat(tracer.shutdown(Duration.ofSeconds(20))).isTrue();

      List<Span> spans = receiver.spans();
      assertThat(receiver.received()).hasSizeGreaterThanOrEqualTo(2); // the 503, then the retry
      Map<ByteString, List<Span>> traces = spans.stream().collect(Collectors.groupingBy(Span::getTraceId));
      assertThat(traces).hasSize(3);
      Set<ByteString> spanIds = new HashSet<>();
      for (List<Span> trace : traces.values()) {
        // exactly once: every event once, no span twice
        assertThat(trace).extracting(Span::getName).containsExactlyInAnyOrder("plan", "search", "llm");
        Set<ByteString> ids = trace.stream().map(Span::getSpanId).collect(Collectors.toSet());
        assertThat(ids).hasSize(3);
        spanIds.addAll(ids);
        Span plan = trace.stream().filter(s -> s.getName().equals("plan")).findFirst().orElseThrow();
        assertThat(plan.getParentSpanId().isEmpty()).isTrue();
        for (Span s : trace) {
          if (s != plan) {
            assertThat(s.getParentSpanId()).as("%s hangs under plan", s.getName()).isEqualTo(plan.getSpanId());
          }
          assertThat(s.getEndTimeUnixNano()).isGreaterThanOrEqualTo(s.getStartTimeUnixNano());
        }
        Span llm = trace.stream().filter(s -> s.getName().equals("llm")).findFirst().orElseThrow();
        assertThat(llm.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(llm.getStatus().getMessage()).contains("model down");
        assertThat(OtlpExporterTest.attributes(plan.getAttributesList()).get("honeyhive.session_name").getStringValue())
            .startsWith("question-");
      }
      assertThat(spanIds).hasSize(9);
    }
  }
  @Test
  void spansRejectedInAPartialSuccessShowInTheTracersExportStatsAsFailed() throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      receiver.then(200, Map.of(), OtlpExporterTest.partialSuccess(2, "2 spans over the attribute limit"));
      Tracer tracer = Tracer.builder()
          .config(HoneyHiveConfig.builder().project("proj").source("test").build())
          .exporter(OtlpExporter.builder().endpoint(receiver.url("/v1/traces")).settings(OtlpExporterTest.fastRetries()).build())
          .build();
      try (Session session = tracer.startCurrentSession("question")) {
        tracer.trace(SpanKind.CHAIN, "plan", Map.of(), plan -> {
          tracer.trace(SpanKind.TOOL, "search", Map.of(), s -> "r");
          return tracer.trace(SpanKind.TOOL, "fetch", Map.of(), s -> "r");
        });
      }

      tracer.shutdown(Duration.ofSeconds(20));

      assertThat(receiver.received()).as("sent once, not again").hasSize(1);
      assertThat(tracer.exportStats().failed()).isEqualTo(2);
      assertThat(tracer.exportStats().sent()).isEqualTo(1);
    }
  }
}
