package ai.honeyhive.otlp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SpanIdsTest {

  @Test
  void aSessionUuidIsTheTraceIdDigitForDigit() {
    assertThat(SpanIds.hex(SpanIds.traceId("7f3b2c1a-9d4e-4f6a-8b2c-1d0e9f8a7b6c")))
        .isEqualTo("7f3b2c1a9d4e4f6a8b2c1d0e9f8a7b6c");
  }

  @Test
  void anEventUuidGivesTheSpanIdOfItsFirstSixteenDigits() {
    assertThat(SpanIds.hex(SpanIds.spanId("0A1B2C3D-4E5F-4A6B-9C8D-7E6F5A4B3C2D"))).isEqualTo("0a1b2c3d4e5f4a6b");
  }

  @Test
  void idsThatAreNotUuidsAreHashedTheSameWayEachTime() {
    byte[] a = SpanIds.spanId("my-own-id");
    assertThat(a).hasSize(8).isEqualTo(SpanIds.spanId("my-own-id")).isNotEqualTo(SpanIds.spanId("my-own-id2"));
    assertThat(SpanIds.traceId("session-42")).hasSize(16).isEqualTo(SpanIds.traceId("session-42"));
    // the short forms UUID.fromString accepts are not taken for UUIDs
    assertThat(SpanIds.hex(SpanIds.spanId("1-2-3-4-5"))).isNotEqualTo("0000000100020003");
  }

  @Test
  void anAllZeroIdIsNeverProduced() {
    assertThat(SpanIds.hex(SpanIds.spanId("00000000-0000-0000-0000-000000000001"))).isEqualTo("0000000000000001");
    assertThat(SpanIds.hex(SpanIds.traceId("00000000-0000-0000-0000-000000000000")))
        .isEqualTo("00000000000000000000000000000001");
  }

  @Test
  void randomEventIdsOfOneLargeSessionGetDistinctSpanIds() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      seen.add(SpanIds.hex(SpanIds.spanId(UUID.randomUUID().toString())));
    }
    assertThat(seen).hasSize(100_000);
  }
}
