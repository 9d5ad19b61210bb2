package ai.honeyhive.aspects;

import ai.honeyhive.Context;
import static ai.honeyhive.aspects.TracingTestSupport.assertConsistentTree;
import static ai.honeyhive.aspects.TracingTestSupport.byName;
import static ai.honeyhive.aspects.TracingTestSupport.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Session;
import ai.honeyhive.internal.TraceContext;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TraceAspectTest {
  private InMemoryExporter exporter;
  private final Fixtures.Pipeline pipeline = new Fixtures.Pipeline();

  @BeforeEach
  void install() {
    exporter = TracingTestSupport.installInMemoryTracer();
  }

  @AfterEach
  void noContextLeftBehind() {
    assertThat(TraceContext.current()).isNull();
  }

  @Test
  void aPipelineBecomesOneSessionTree() {
    long before = System.currentTimeMillis();
    String answer = pipeline.answer("why?");
    long after = System.currentTimeMillis();

    assertThat(answer).isEqualTo("COMPLETION OF 30");
    assertThat(exporter.batches()).hasSize(1);
    BatchRequest batch = exporter.batches().get(0);
    assertConsistentTree(batch);
    assertThat(names(batch.events())).containsExactly("answer", "retrieve", "complete", "post");

    Event root = byName(batch, "answer");
    String sessionId = batch.sessionProperties().sessionId();
    assertThat(root.parentId()).isEqualTo(sessionId);
    assertThat(root.eventType()).isEqualTo(EventType.CHAIN);
    assertThat(root.childrenIds()).containsExactly(
        byName(batch, "retrieve").eventId(), byName(batch, "complete").eventId(), byName(batch, "post").eventId());
    assertThat(root.inputs()).containsExactly(Map.entry("question", "why?"));
    assertThat(root.outputs()).containsExactly(Map.entry("result", "COMPLETION OF 30"));
    assertThat(root.project()).isEqualTo("test-project");
    assertThat(root.source()).isEqualTo("test");
    assertThat(root.error()).isNull();
    assertThat(root.startTime()).isBetween(before, after);
    assertThat(root.endTime()).isBetween(root.startTime(), after);
    assertThat(root.duration()).isPositive().isLessThanOrEqualTo((double) (after - before) + 1);

    Event retrieve = byName(batch, "retrieve");
    assertThat(retrieve.eventType()).isEqualTo(EventType.TOOL);
    assertThat(retrieve.inputs()).containsOnlyKeys("query", "k");
    assertThat(retrieve.inputs().get("k")).isEqualTo(2);
    assertThat(retrieve.parentId()).isEqualTo(root.eventId());
    assertThat(retrieve.childrenIds()).isEmpty();

    Event model = byName(batch, "complete");
    assertThat(model.eventType()).isEqualTo(EventType.MODEL);
    assertThat(model.config()).containsEntry("model", "stub-1").containsEntry("provider", "local");

    assertThat(batch.sessionProperties().sessionName()).isEqualTo("answer");
    assertThat(batch.sessionProperties().inputs()).isEqualTo(root.inputs());
    assertThat(batch.sessionProperties().outputs()).isEqualTo(root.outputs());
    assertThat(batch.sessionProperties().source()).isEqualTo("test");
  }

  @Test
  void nestingThreeDeepLinksEachLevel() {
    assertThat(pipeline.threeDeep(5)).isEqualTo("leaf5");
    BatchRequest batch = exporter.batches().get(0);
    assertConsistentTree(batch);
    Event l1 = byName(batch, "threeDeep");
    Event l2 = byName(batch, "level2");
    Event l3 = byName(batch, "level3");
    assertThat(l1.childrenIds()).containsExactly(l2.eventId());
    assertThat(l2.childrenIds()).containsExactly(l3.eventId());
    assertThat(l3.parentId()).isEqualTo(l2.eventId());
    assertThat(l1.duration()).isGreaterThanOrEqualTo(l2.duration());
    assertThat(l2.duration()).isGreaterThanOrEqualTo(l3.duration());
  }

  @Test
  void recursionNestsOneEventPerCall() {
    assertThat(pipeline.factorial(4)).isEqualTo(24);
    BatchRequest batch = exporter.batches().get(0);
    assertConsistentTree(batch);
    assertThat(batch.events()).hasSize(4);
    for (int i = 0; i < 3; i++) {
      Event e = batch.events().get(i);
      assertThat(e.inputs()).containsEntry("n", 4 - i);
      assertThat(e.childrenIds()).containsExactly(batch.events().get(i + 1).eventId());
    }
    assertThat(batch.events().get(3).outputs()).containsEntry("result", 1);
  }

  @Test
  void siblingsShareTheirParentInCallOrder() {
    pipeline.outerCatching();
    BatchRequest batch = exporter.batches().get(0);
    assertConsistentTree(batch);
    Event outer = byName(batch, "outerCatching");
    Event failing = byName(batch, "failing");
    assertThat(outer.childrenIds()).containsExactly(failing.eventId(), byName(batch, "level3").eventId());
    assertThat(failing.error()).isEqualTo("java.lang.IllegalStateException: boom x");
    assertThat(outer.error()).as("the chain handled it").isNull();
  }

  @Test
  void anExceptionThroughTwoLevelsIsRecordedAtEachAndRethrownAsTheSameObject() {
    RuntimeException original = new UnsupportedOperationException("nope");
    Throwable thrown = catchThrowable(() -> pipeline.outerRethrowing(original));

    assertThat(thrown).isSameAs(original);
    BatchRequest batch = exporter.batches().get(0);
    assertConsistentTree(batch);
    assertThat(byName(batch, "outerRethrowing").error()).isEqualTo("java.lang.UnsupportedOperationException: nope");
    assertThat(byName(batch, "middleRethrowing").error()).isEqualTo("java.lang.UnsupportedOperationException: nope");
    assertThat(batch.sessionProperties().error()).isEqualTo("java.lang.UnsupportedOperationException: nope");
  }

  @Test
  void checkedExceptionsPassThroughUnchanged() throws IOException {
    assertThatThrownBy(() -> pipeline.checked(true)).isExactlyInstanceOf(IOException.class).hasMessage("disk on fire");
    assertThat(pipeline.checked(false)).isEqualTo("ok");
    assertThat(exporter.batches()).hasSize(2);
    assertThat(exporter.batches().get(0).events().get(0).error()).isEqualTo("java.io.IOException: disk on fire");
    assertThat(exporter.batches().get(1).events().get(0).error()).isNull();
  }

  @Test
  void voidPrimitiveNullAndMapReturns() {
    pipeline.nothing("s");
    assertThat(pipeline.primitive(2, 3L)).isEqualTo(5);
    assertThat(pipeline.nullResult()).isNull();
    assertThat(pipeline.mapResult()).containsEntry("role", "assistant");

    List<Event> events = exporter.events();
    assertThat(events.get(0).outputs()).isEmpty();
    assertThat(events.get(1).outputs()).containsExactly(Map.entry("result", 5));
    assertThat(events.get(1).inputs()).containsEntry("a", 2).containsEntry("b", 3L);
    assertThat(events.get(2).outputs()).containsOnlyKeys("result").containsEntry("result", null);
    assertThat(events.get(3).outputs()).containsEntry("role", "assistant").containsEntry("content", "hi");
  }

  @Test
  void staticMethodsAreTraced() {
    assertThat(Fixtures.Pipeline.staticTool("a")).isEqualTo("static a");
    Event e = exporter.events().get(0);
    assertThat(e.eventName()).isEqualTo("staticTool");
    assertThat(e.inputs()).containsEntry("s", "a");
    assertThat(e.outputs()).containsEntry("result", "static a");
  }

  @Test
  void captureFlagsOffRecordNeitherInputsNorOutputs() {
    assertThat(pipeline.secretive("tok-123")).isEqualTo("hidden");
    Event e = exporter.events().get(0);
    assertThat(e.inputs()).isEmpty();
    assertThat(e.outputs()).isEmpty();
  }

  @Test
  void valuesAreCapturedAtCallAndReturnTime() {
    StringBuilder sb = new StringBuilder("a");
    StringBuilder returned = pipeline.mutable(sb);
    assertThat(returned).isSameAs(sb);
    sb.append("mutated later");
    Event e = exporter.events().get(0);
    assertThat(e.inputs().get("sb")).isEqualTo("a");
    assertThat(e.outputs().get("result")).isEqualTo("a!");
  }

  @Test
  void tracedMethodsReturnAndThrowWhatTheyDoUntraced() {
    StringBuilder sb = new StringBuilder();
    HoneyHive.tracer().setEnabled(false);
    StringBuilder untraced = pipeline.mutable(sb);
    Throwable untracedError = catchThrowable(() -> pipeline.failing("y"));
    HoneyHive.tracer().setEnabled(true);
    StringBuilder traced = pipeline.mutable(sb);
    Throwable tracedError = catchThrowable(() -> pipeline.failing("y"));

    assertThat(traced).isSameAs(untraced);
    assertThat(tracedError).hasSameClassAs(untracedError).hasMessage(untracedError.getMessage());
    assertThat(tracedError.getStackTrace()[0].getMethodName()).isEqualTo(untracedError.getStackTrace()[0].getMethodName());
    assertThat(exporter.batches()).as("only the traced calls").hasSize(2);
  }

  @Test
  void disabledTracingRecordsNothingAndCreatesNoContext() {
    HoneyHive.tracer().setEnabled(false);
    try {
      pipeline.answer("q");
      assertThat(TraceContext.current()).isNull();
    } finally {
      HoneyHive.tracer().setEnabled(true);
    }
    assertThat(exporter.batches()).isEmpty();
  }

  @Test
  void anExplicitSessionHoldsSeveralTopLevelCalls() {
    String sessionId;
    try (Session session = HoneyHive.startCurrentSession("conversation")) {
      sessionId = session.sessionId();
      session.setInput("user_message", "hello");
      session.setMetadata("tenant", "acme");
      session.setUserProperty("user", "u-1");
      assertThat(Context.current().sessionId()).contains(sessionId);
      pipeline.answer("one");
      pipeline.answer("two");
      assertThat(exporter.batches()).as("nothing before the session closes").isEmpty();
      session.setOutput("bye");
    }
    assertThat(exporter.batches()).hasSize(1);
    BatchRequest batch = exporter.batches().get(0);
    assertConsistentTree(batch);
    assertThat(batch.sessionProperties().sessionId()).isEqualTo(sessionId);
    assertThat(batch.sessionProperties().sessionName()).isEqualTo("conversation");
    assertThat(batch.sessionProperties().inputs()).containsEntry("user_message", "hello");
    assertThat(batch.sessionProperties().outputs()).containsEntry("result", "bye");
    assertThat(batch.sessionProperties().metadata()).containsEntry("tenant", "acme");
    assertThat(batch.sessionProperties().userProperties()).containsEntry("user", "u-1");
    List<Event> roots = batch.events().stream().filter(e -> e.parentId().equals(sessionId)).toList();
    assertThat(roots).hasSize(2).allMatch(e -> e.eventName().equals("answer"));
    assertThat(batch.events()).hasSize(8);
  }
}
