package ai.honeyhive.aspects;

import static ai.honeyhive.test.TraceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.honeyhive.internal.ConfiguredMethods;
import ai.honeyhive.test.RecordedTraces;
import ai.honeyhive.test.TracingTest;
import ai.honeyhive.transport.model.EventType;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@TracingTest
class ConfiguredTraceAspectTest {
  @BeforeAll
  static void register() {
    ConfiguredMethods.register(ConfiguredFixtures.CompleteAspect.class.getName(), EventType.MODEL, "llm_call");
    ConfiguredMethods.register(ConfiguredFixtures.FailAspect.class.getName(), EventType.TOOL, "");
  }

  @Test
  void anUnannotatedMethodIsTracedWithTheRegisteredTypeAndName(RecordedTraces traces) {
    String out = new ConfiguredFixtures.Client().complete("hi");

    assertThat(out).isEqualTo("completion of hi");
    assertThat(traces.onlySession()).hasEventCount(1).root().isModel().hasName("llm_call")
        .hasInputs(Map.of("prompt", "hi")).hasOutputs(Map.of("result", "completion of hi"));
  }

  @Test
  void implementationsOfAConfiguredInterfaceMethodAreTraced(RecordedTraces traces) {
    new ConfiguredFixtures.OtherClient().complete("x");

    assertThat(traces.onlySession()).hasEventCount(1).root().hasName("llm_call");
  }

  @Test
  void anEmptyNameMeansTheMethodsNameAndExceptionsPassThroughUnchanged(RecordedTraces traces) {
    assertThatThrownBy(() -> new ConfiguredFixtures.Client().fail("nope"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("nope");

    assertThat(traces.onlySession()).root().isTool().hasName("fail")
        .satisfiesEvent(e -> assertThat(e.error()).isEqualTo("java.lang.IllegalArgumentException: nope"));
  }

  @Test
  void anAnnotatedMethodIsTracedOnceByItsAnnotation(RecordedTraces traces) {
    new ConfiguredFixtures.Client().annotatedToo("s");

    assertThat(traces.onlySession()).hasEventCount(1).root().hasName("annotated_wins");
  }

  @Test
  void nothingIsRecordedWhenTracingIsOff(RecordedTraces traces) {
    traces.tracer().setEnabled(false);
    assertThat(new ConfiguredFixtures.Client().complete("off")).isEqualTo("completion of off");
    assertThat(traces.sessions()).isEmpty();
  }
}
