package ai.honeyhive.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.transport.internal.JsonMappers;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventBuilder;
import ai.honeyhive.transport.model.EventType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A finished event never leaves over its byte limit, and says what it lost. */
class EventSizeLimitTest {
  private static final int MAX = 10_000;

  private static EventBuilder event() {
    return Event.builder().project("p").eventType(EventType.TOOL).eventName("tool").source("test")
        .sessionId("s-1").eventId("e-1").parentId("s-1").childrenIds(List.of())
        .config(Map.of()).inputs(Map.of()).outputs(Map.of()).metadata(Map.of())
        .startTime(1L).endTime(2L).duration(1.0);
  }

  private static int size(Event e) throws Exception {
    return JsonMappers.mapper().writeValueAsBytes(e).length;
  }

  @Test
  void anEventWithinTheLimitIsUnchanged() {
    Event e = event().inputs(Map.of("q", "small")).build();
    assertThat(EventSizeLimit.apply(e, 0, MAX)).isSameAs(e);
  }

  @Test
  void truncationsAreCountedInMetadata() {
    Event e = EventSizeLimit.apply(event().metadata(Map.of("k", 1)).build(), 3, MAX);
    assertThat(e.metadata()).containsEntry("honeyhive_truncated", 3).containsEntry("k", 1);
  }

  @Test
  void theLargestEntriesAreReplacedFirstUntilTheEventFits() throws Exception {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("small", "keep me");
    inputs.put("big", "b".repeat(6_000));
    Event e = event().inputs(inputs).outputs(Map.of("result", "r".repeat(5_000))).build();
    Event limited = EventSizeLimit.apply(e, 0, MAX);
    assertThat(size(limited)).isLessThanOrEqualTo(MAX);
    assertThat(limited.inputs()).containsEntry("small", "keep me")
        .containsEntry("big", "[truncated: 6002 bytes, over the event size limit]");
    assertThat(limited.outputs()).containsEntry("result", "r".repeat(5_000));
    assertThat(limited.metadata()).containsEntry("honeyhive_truncated", 1);
  }

  @Test
  void manySmallEntriesAreDroppedAsAWhole() throws Exception {
    Map<String, Object> inputs = new LinkedHashMap<>();
    for (int i = 0; i < 2_000; i++) {
      inputs.put("k" + i, i);
    }
    Event limited = EventSizeLimit.apply(event().inputs(inputs).build(), 0, MAX);
    assertThat(size(limited)).isLessThanOrEqualTo(MAX);
    assertThat((Integer) limited.metadata().get("honeyhive_truncated")).isPositive();
  }

  @Test
  void aHugeErrorAndNameAndTooManyChildrenAreCutAsALastResort() throws Exception {
    List<String> children = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      children.add("00000000-0000-0000-0000-" + String.format("%012d", i));
    }
    Event e = event().eventName("n".repeat(20_000)).error("e".repeat(20_000)).childrenIds(children).build();
    Event limited = EventSizeLimit.apply(e, 0, MAX);
    assertThat(size(limited)).isLessThanOrEqualTo(MAX);
    assertThat(limited.eventName()).startsWith("nnn").contains("[truncated: 20000 chars]");
    assertThat(limited.childrenIds()).isNotEmpty().hasSizeLessThan(children.size());
  }

  @Test
  void anEntryThatCannotBeWrittenIsReplacedAndTheRestKept() throws Exception {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("ok", "fine");
    inputs.put("bad", new Object() {
      public String getBoom() {
        throw new IllegalStateException();
      }
    });
    Event limited = EventSizeLimit.apply(event().inputs(inputs).build(), 0, MAX);
    assertThat(limited.inputs()).containsEntry("ok", "fine")
        .containsEntry("bad", "[truncated: could not be written as JSON]");
    assertThat(size(limited)).isLessThanOrEqualTo(MAX);
  }

  @Test
  void onlyEventsWhoseEstimateIsFarBelowTheLimitSkipMeasuring() {
    Event small = event().inputs(Map.of("q", "x")).build();
    assertThat(EventSizeLimit.surelyFits(small, 100, MAX)).isTrue();
    assertThat(EventSizeLimit.surelyFits(small, MAX / 6, MAX)).as("6 bytes per char at worst").isFalse();
    assertThat(EventSizeLimit.surelyFits(event().eventName("n".repeat(MAX / 6)).build(), 0, MAX))
        .as("names count too").isFalse();
  }
}
