package ai.honeyhive.otlp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.honeyhive.transport.internal.WireFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The OTLP answer as the official classes write it, with fields a newer receiver may add, and broken. */
class ExportAnswerTest {

  private static byte[] answer(long rejected, String message) {
    return ExportTraceServiceResponse.newBuilder()
        .setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(rejected).setErrorMessage(message))
        .build().toByteArray();
  }

  @Test
  void readsRejectedSpansAndTheMessage() {
    assertThat(ExportAnswer.partialSuccess(answer(3, "too big")))
        .isEqualTo(new WireFormat.PartialSuccess(3, "too big"));
    assertThat(ExportAnswer.partialSuccess(answer(0, "a warning")))
        .isEqualTo(new WireFormat.PartialSuccess(0, "a warning"));
  }

  @Test
  void anEmptyAnswerOrAnEmptyPartialSuccessSaysNothing() {
    assertThat(ExportAnswer.partialSuccess(new byte[0])).isNull();
    assertThat(ExportAnswer.partialSuccess(ExportTraceServiceResponse.newBuilder()
        .setPartialSuccess(ExportTracePartialSuccess.getDefaultInstance()).build().toByteArray())).isNull();
    assertThat(ExportAnswer.partialSuccess(new byte[] {0x0a, 0x00})).isNull();
  }

  @Test
  void fieldsItDoesNotKnowArePassedOver() {
    byte[] body = {
        0x10, (byte) 0x96, 0x01,                  // field 2, varint 150 (unknown)
        0x0a, 0x0f,                               // field 1, partial_success, 15 bytes:
        0x19, 1, 2, 3, 4, 5, 6, 7, 8,             //   field 3, fixed64 (unknown)
        0x08, 0x05,                               //   rejected_spans = 5
        0x12, 0x02, 'n', 'o',                     //   error_message = "no"
        0x25, 1, 2, 3, 4                          // field 4, fixed32 (unknown)
    };
    assertThat(ExportAnswer.partialSuccess(body)).isEqualTo(new WireFormat.PartialSuccess(5, "no"));
  }

  @Test
  void aBrokenBodyIsAnIllegalArgument() {
    byte[] whole = answer(2, "message");
    assertThatThrownBy(() -> ExportAnswer.partialSuccess(Arrays.copyOf(whole, whole.length - 3)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExportAnswer.partialSuccess("{\"partialSuccess\":{}}".getBytes()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExportAnswer.partialSuccess(new byte[] {0x08, (byte) 0xff, (byte) 0xff}))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] negativeTag = {(byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
        (byte) 0x80, (byte) 0x80, 0x01, 0x05};   // a ten-byte tag whose low bits say "field 1, varint"
    assertThatThrownBy(() -> ExportAnswer.partialSuccess(negativeTag)).isInstanceOf(IllegalArgumentException.class);
  }
}
