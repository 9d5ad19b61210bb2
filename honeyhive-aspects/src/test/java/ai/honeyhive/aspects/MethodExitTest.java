package ai.honeyhive.aspects;

import static ai.honeyhive.aspects.TracingTestSupport.assertConsistentTree;
import static ai.honeyhive.aspects.TracingTestSupport.byName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.internal.TraceContext;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The aspect starts an event on entry and ends it on exit: whatever happens in between (tracing
 * switched, spans left open, two annotations), the event ends and nothing stays current.
 */
class MethodExitTest {
  private InMemoryExporter exporter;
  private final AsyncFixtures.Sampled sampled = new AsyncFixtures.Sampled();

  @BeforeEach
  void install() {
    exporter = TracingTestSupport.installInMemoryTracer();
  }

  @AfterEach
  void clean() {
    HoneyHive.tracer().setEnabled(true);
    assertThat(TraceContext.current()).isNull();
    assertThat(HoneyHive.tracer().internalErrorCount()).isZero();
  }

  @Test
  void aCallStartedWithTracingOffIsNotEndedWhenTracingComesOnMidway() {
    HoneyHive.tracer().setEnabled(false);
    String result = sampled.runs(() -> {
      HoneyHive.tracer().setEnabled(true);
      sampled.step("inner");
    });
    assertThat(result).isEqualTo("ran");
    assertThat(exporter.batches()).hasSize(1);
    assertThat(exporter.events()).extracting(Event::eventName).containsExactly("step");
  }

  @Test
  void aCallStartedWithTracingOnStillEndsWhenTracingGoesOffMidway() {
    String result = sampled.runs(() -> {
      HoneyHive.tracer().setEnabled(false);
      sampled.step("untraced");
    });
    assertThat(result).isEqualTo("ran");
    assertThat(exporter.batches()).hasSize(1);
    Event runs = exporter.events().get(0);
    assertThat(runs.eventName()).isEqualTo("runs");
    assertThat(runs.outputs()).containsEntry("result", "ran");
    assertThat(runs.childrenIds()).as("calls made after the switch are not traced").isEmpty();
  }

  @Test
  void aFailingCallStartedWithTracingOnRecordsItsErrorWhenTracingWentOffMidway() {
    Throwable thrown = catchThrowable(() -> sampled.runsAndFails(() -> HoneyHive.tracer().setEnabled(false)));
    assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("after the switch");
    assertThat(exporter.events()).singleElement()
        .satisfies(e -> assertThat(e.error()).isEqualTo("java.lang.IllegalStateException: after the switch"));
  }

  @Test
  void aMethodWithTwoAnnotationsGivesTwoNestedEventsBothEnded() {
    assertThat(sampled.doubly("ab")).isEqualTo("abab");
    BatchRequest batch = exporter.batches().get(0);
    assertConsistentTree(batch);
    assertThat(batch.events()).hasSize(2).allMatch(e -> e.outputs().get("result").equals("abab"));
    assertThat(batch.events().get(1).parentId()).isEqualTo(batch.events().get(0).eventId());
  }

  @Test
  void aSpanLeftOpenInsideATracedMethodDoesNotKeepTheMethodsEventOpen() {
    assertThat(sampled.leavesSpanOpen()).isEqualTo("x");
    assertThat(TraceContext.current()).as("the abandoned span is not current either").isNull();
    assertThat(exporter.batches()).as("the session waits for the span left open").isEmpty();
  }

  @Test
  void recursionEndsEachLevelsOwnEvent() {
    assertThat(new Fixtures.Pipeline().factorial(5)).isEqualTo(120);
    BatchRequest batch = exporter.batches().get(0);
    assertConsistentTree(batch);
    assertThat(batch.events()).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(batch.events().get(i).inputs()).containsEntry("n", 5 - i);
    }
    assertThat(byName(batch, "factorial").outputs()).containsEntry("result", 120);
  }
}
