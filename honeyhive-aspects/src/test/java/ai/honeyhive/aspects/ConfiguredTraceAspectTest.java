package ai.honeyhive.aspects;

import static ai.honeyhive.aspects.TracingTestSupport.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.honeyhive.internal.ConfiguredMethods;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfiguredTraceAspectTest {
  private InMemoryExporter exporter;

  @BeforeAll
  static void register() {
    ConfiguredMethods.register(ConfiguredFixtures.CompleteAspect.class.getName(), EventType.MODEL, "llm_call");
    ConfiguredMethods.register(ConfiguredFixtures.FailAspect.class.getName(), EventType.TOOL, "");
  }

  @BeforeEach
  void install() {
    exporter = TracingTestSupport.installInMemoryTracer();
  }

  @Test
  void anUnannotatedMethodIsTracedWithTheRegisteredTypeAndName() {
    String out = new ConfiguredFixtures.Client().complete("hi");

    assertThat(out).isEqualTo("completion of hi");
    assertThat(exporter.batches()).hasSize(1);
    Event e = exporter.batches().get(0).events().get(0);
    assertThat(e.eventType()).isEqualTo(EventType.MODEL);
    assertThat(e.eventName()).isEqualTo("llm_call");
    assertThat(e.inputs()).containsExactly(Map.entry("prompt", "hi"));
    assertThat(e.outputs()).containsExactly(Map.entry("result", "completion of hi"));
  }

  @Test
  void implementationsOfAConfiguredInterfaceMethodAreTraced() {
    new ConfiguredFixtures.OtherClient().complete("x");

    assertThat(exporter.batches()).hasSize(1);
    assertThat(names(exporter.batches().get(0).events())).containsExactly("llm_call");
  }

  @Test
  void anEmptyNameMeansTheMethodsNameAndExceptionsPassThroughUnchanged() {
    assertThatThrownBy(() -> new ConfiguredFixtures.Client().fail("nope"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("nope");

    Event e = exporter.batches().get(0).events().get(0);
    assertThat(e.eventType()).isEqualTo(EventType.TOOL);
    assertThat(e.eventName()).isEqualTo("fail");
    assertThat(e.error()).isEqualTo("java.lang.IllegalArgumentException: nope");
  }

  @Test
  void anAnnotatedMethodIsTracedOnceByItsAnnotation() {
    new ConfiguredFixtures.Client().annotatedToo("s");

    assertThat(exporter.batches()).hasSize(1);
    assertThat(names(exporter.batches().get(0).events())).containsExactly("annotated_wins");
  }

  @Test
  void nothingIsRecordedWhenTracingIsOff() {
    ai.honeyhive.HoneyHive.tracer().setEnabled(false);
    try {
      assertThat(new ConfiguredFixtures.Client().complete("off")).isEqualTo("completion of off");
    } finally {
      ai.honeyhive.HoneyHive.tracer().setEnabled(true);
    }
    assertThat(exporter.batches()).isEmpty();
  }
}
