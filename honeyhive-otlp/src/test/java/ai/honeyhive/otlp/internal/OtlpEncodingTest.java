package ai.honeyhive.otlp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventBuilder;
import ai.honeyhive.transport.model.EventType;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpEncodingTest {
  final OtlpEncoding encoding = new OtlpEncoding("", Map.of(), null, "9.9.9");

  Span only(BatchRequest batch) throws Exception {
    ExportTraceServiceRequest req = ExportTraceServiceRequest.parseFrom(encoding.encode(batch));
    assertThat(req.getResourceSpansCount()).isEqualTo(1);
    assertThat(req.getResourceSpans(0).getScopeSpans(0).getScope().getVersion()).isEqualTo("9.9.9");
    return req.getResourceSpans(0).getScopeSpans(0).getSpans(0);
  }

  static EventBuilder event() {
    return Event.builder().project("p").source("s").eventType(EventType.TOOL).eventName("t")
        .sessionId("7f3b2c1a-9d4e-4f6a-8b2c-1d0e9f8a7b6c").eventId("0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d")
        .startTime(1L).endTime(2L);
  }

  static Map<String, AnyValue> attributes(Span span) {
    Map<String, AnyValue> m = new LinkedHashMap<>();
    for (KeyValue kv : span.getAttributesList()) {
      m.put(kv.getKey(), kv.getValue());
    }
    return m;
  }

  @Test
  void valuesKeepTheirTypesAndTextIsTheFallback() throws Exception {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("int", 7);
    in.put("long", 1L << 40);
    in.put("double", 1.5d);
    in.put("float", 0.5f);
    in.put("decimal", new BigDecimal("2.25"));
    in.put("bool", false);
    in.put("nan", Double.NaN);
    in.put("empty", "");
    in.put("nested", Map.of("list", List.of(Map.of("x", 1))));
    in.put("other", new StringBuilder("sb"));
    Map<String, AnyValue> a = attributes(only(new BatchRequest(List.of(event().inputs(in).build()), false, null)));
    assertThat(a.get("honeyhive_inputs.int").getIntValue()).isEqualTo(7);
    assertThat(a.get("honeyhive_inputs.long").getIntValue()).isEqualTo(1L << 40);
    assertThat(a.get("honeyhive_inputs.double").getDoubleValue()).isEqualTo(1.5d);
    assertThat(a.get("honeyhive_inputs.float").getDoubleValue()).isEqualTo(0.5d);
    assertThat(a.get("honeyhive_inputs.decimal").getDoubleValue()).isEqualTo(2.25d);
    assertThat(a.get("honeyhive_inputs.bool").hasBoolValue()).isTrue();
    assertThat(a.get("honeyhive_inputs.bool").getBoolValue()).isFalse();
    assertThat(a.get("honeyhive_inputs.nan").getStringValue()).isEqualTo("NaN");
    assertThat(a.get("honeyhive_inputs.empty").hasStringValue()).isTrue();
    assertThat(a.get("honeyhive_inputs.nested.list.0.x").getIntValue()).isEqualTo(1);
    assertThat(a.get("honeyhive_inputs.other").getStringValue()).isEqualTo("sb");
  }

  @Test
  void largeValuesKeepEveryByte() throws Exception {
    String big = "é".repeat(200_000); // 400 KB of UTF-8: three-byte length prefixes
    Span span = only(new BatchRequest(List.of(event().outputs(Map.of("text", big)).build()), false, null));
    assertThat(attributes(span).get("honeyhive_outputs.text").getStringValue()).isEqualTo(big);
  }

  @Test
  void withoutDurationTheEndTimeIsUsedAndIdsThatAreNotUuidsStillWork() throws Exception {
    Span span = only(new BatchRequest(List.of(event().eventId("custom").parentId("parent-1")
        .startTime(1_000L).endTime(1_500L).build()), false, null));
    assertThat(span.getStartTimeUnixNano()).isEqualTo(1_000_000_000L);
    assertThat(span.getEndTimeUnixNano()).isEqualTo(1_500_000_000L);
    assertThat(span.getSpanId().toByteArray()).isEqualTo(SpanIds.spanId("custom"));
    assertThat(span.getParentSpanId().toByteArray()).isEqualTo(SpanIds.spanId("parent-1"));
  }

  @Test
  void anEmptyBatchIsAnEmptyRequest() throws Exception {
    assertThat(encoding.encode(new BatchRequest(List.of(), false, null))).isEmpty();
    assertThat(ExportTraceServiceRequest.parseFrom(new byte[0]).getResourceSpansCount()).isZero();
  }
}
