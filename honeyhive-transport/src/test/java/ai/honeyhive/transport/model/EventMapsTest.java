package ai.honeyhive.transport.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.honeyhive.transport.model.internal.OwnedMaps;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventMapsTest {

  @Test
  void anApplicationsMapIsCopiedSoLaterChangesDoNotReachTheEvent() {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("query", "refunds");
    Event event = Event.builder().eventType(EventType.TOOL).eventName("lookup").inputs(inputs).build();

    inputs.put("query", "changed");
    inputs.put("late", 1);

    assertThat(event.inputs()).containsExactly(Map.entry("query", "refunds"));
    assertThatThrownBy(() -> event.inputs().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aMapGivenUpByTheTracerIsKeptAsItIsAndCannotBeChanged() {
    Map<String, Object> made = new LinkedHashMap<>();
    made.put("a", 1);
    made.put("b", "two");
    Map<String, Object> givenUp = OwnedMaps.givenUp(made);

    Event event = Event.builder().eventType(EventType.TOOL).eventName("lookup").outputs(givenUp).build();

    assertThat(event.outputs()).isSameAs(givenUp).containsExactly(Map.entry("a", 1), Map.entry("b", "two"));
    assertThatThrownBy(() -> event.outputs().put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> event.outputs().entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(OwnedMaps.isOwned(new LinkedHashMap<>(made))).isFalse();
  }
}
