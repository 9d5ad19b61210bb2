package ai.honeyhive.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.SpanKind;
import ai.honeyhive.TestTracers;
import ai.honeyhive.Tracer;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.Event;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With the OpenTelemetry SDK on the class path and a span active, HoneyHive and OpenTelemetry point at each other. */
class OpenTelemetryInteropTest {
  private final List<SpanData> ended = new CopyOnWriteArrayList<>();
  private final SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(new SpanProcessor() {
    @Override public void onStart(Context parentContext, ReadWriteSpan span) {}
    @Override public boolean isStartRequired() { return false; }
    @Override public void onEnd(ReadableSpan span) { ended.add(span.toSpanData()); }
    @Override public boolean isEndRequired() { return true; }
    @Override public CompletableResultCode shutdown() { return CompletableResultCode.ofSuccess(); }
  }).build();
  private final io.opentelemetry.api.trace.Tracer otel = provider.get("test");
  private final InMemoryExporter out = new InMemoryExporter();
  private final Tracer tracer = TestTracers.synchronous(out);

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void eventsRecordTheCurrentSpansIdsAndTheSpanGetsTheSessionAndOutermostEventIds() {
    Span request = otel.spanBuilder("GET /answer").startSpan();
    String[] ids = new String[2];
    try (Scope s = request.makeCurrent()) {
      tracer.trace(SpanKind.CHAIN, "answer", Map.of(), chain -> {
        ids[0] = chain.sessionId();
        ids[1] = chain.spanId();
        return tracer.trace(SpanKind.TOOL, "lookup", Map.of(), tool -> "found");
      });
    } finally {
      request.end();
    }

    String traceId = request.getSpanContext().getTraceId();
    String spanId = request.getSpanContext().getSpanId();
    assertThat(out.events()).hasSize(2).allSatisfy(e -> {
      assertThat(e.metadata()).containsEntry("otel_trace_id", traceId).containsEntry("otel_span_id", spanId);
    });
    SpanData span = ended.get(0);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("honeyhive.session_id"))).isEqualTo(ids[0]);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("honeyhive_event_id")))
        .as("the outermost event in the span, where its work begins").isEqualTo(ids[1]);
  }

  @Test
  void eachSpanPointsToTheFirstEventStartedInsideIt() {
    Span outer = otel.spanBuilder("outer").startSpan();
    String[] inner = new String[1];
    try (Scope s = outer.makeCurrent()) {
      tracer.trace(SpanKind.CHAIN, "chain", Map.of(), chain -> {
        Span client = otel.spanBuilder("POST /tool").startSpan();
        try (Scope c = client.makeCurrent()) {
          return tracer.trace(SpanKind.TOOL, "tool", Map.of(), tool -> inner[0] = tool.spanId());
        } finally {
          client.end();
        }
      });
    } finally {
      outer.end();
    }
    SpanData client = ended.stream().filter(d -> d.getName().equals("POST /tool")).findFirst().orElseThrow();
    assertThat(client.getAttributes().get(AttributeKey.stringKey("honeyhive_event_id"))).isEqualTo(inner[0]);
    Event tool = out.events().stream().filter(e -> e.eventName().equals("tool")).findFirst().orElseThrow();
    assertThat(tool.metadata()).containsEntry("otel_span_id", client.getSpanId());
  }

  @Test
  void injectedTraceparentCarriesTheOpenTelemetryTraceSoBothAgree() {
    Span request = otel.spanBuilder("GET /answer").startSpan();
    Map<String, String> headers = new HashMap<>();
    try (Scope s = request.makeCurrent()) {
      tracer.trace(SpanKind.CHAIN, "answer", Map.of(), chain -> Propagation.inject(headers, Map::put));
    } finally {
      request.end();
    }
    assertThat(headers.get("traceparent")).isEqualTo("00-" + request.getSpanContext().getTraceId() + "-"
        + request.getSpanContext().getSpanId() + "-01");
    assertThat(headers.get("baggage")).startsWith("session_id=" + out.events().get(0).sessionId());
  }

  @Test
  void withoutAValidSpanNothingIsRecorded() {
    tracer.trace(SpanKind.CHAIN, "answer", Map.of(), chain -> "x");
    assertThat(out.events().get(0).metadata()).doesNotContainKeys("otel_trace_id", "otel_span_id");
  }
}
