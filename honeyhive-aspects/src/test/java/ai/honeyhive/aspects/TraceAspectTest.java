package ai.honeyhive.aspects;

import static ai.honeyhive.test.TraceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.honeyhive.Context;
import ai.honeyhive.HoneyHive;
import ai.honeyhive.Session;
import ai.honeyhive.internal.TraceContext;
import ai.honeyhive.test.HoneyHiveTestExtension;
import ai.honeyhive.test.RecordedSession;
import ai.honeyhive.test.RecordedTraces;
import ai.honeyhive.transport.model.Event;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock(HoneyHiveTestExtension.GLOBAL_TRACER)
class TraceAspectTest {
  @RegisterExtension
  static final HoneyHiveTestExtension TRACING = HoneyHiveTestExtension.withTracer(b -> b.config(TracingTestSupport.testConfig()).settings(TracingTestSupport.testSettings()));

  private final Fixtures.Pipeline pipeline = new Fixtures.Pipeline();

  @AfterEach
  void noContextLeftBehindAndEachSessionWentOutWhole(RecordedTraces traces) {
    assertThat(TraceContext.current()).isNull();
    assertThat(traces.batches()).allSatisfy(b -> assertThat(b.isSingleSession()).isTrue());
  }

  private static String id(RecordedSession session, String name) {
    return session.eventsNamed(name).get(0).eventId();
  }

  @Test
  void aPipelineBecomesOneSessionTree(RecordedTraces traces) {
    long before = System.currentTimeMillis();
    String answer = pipeline.answer("why?");
    long after = System.currentTimeMillis();

    assertThat(answer).isEqualTo("COMPLETION OF 30");
    assertThat(traces.batches()).hasSize(1);
    assertThat(traces.events()).extracting(Event::eventName).containsExactly("answer", "retrieve", "complete", "post");
    RecordedSession session = traces.onlySession();
    assertThat(session).isWellFormed().hasName("answer")
        .root().isChain().hasInputs(Map.of("question", "why?")).hasOutputs(Map.of("result", "COMPLETION OF 30"))
            .hasNoError().hasChildrenNamed("retrieve", "complete", "post")
            .satisfiesEvent(root -> {
              assertThat(root.parentId()).isEqualTo(session.id());
              assertThat(root.childrenIds()).containsExactly(
                  id(session, "retrieve"), id(session, "complete"), id(session, "post"));
              assertThat(root.project()).isEqualTo("test-project");
              assertThat(root.source()).isEqualTo("test");
              assertThat(root.startTime()).isBetween(before, after);
              assertThat(root.endTime()).isBetween(root.startTime(), after);
              assertThat(root.duration()).isPositive().isLessThanOrEqualTo((double) (after - before) + 1);
              assertThat(session.properties().inputs()).isEqualTo(root.inputs());
              assertThat(session.properties().outputs()).isEqualTo(root.outputs());
            })
        .child("retrieve").isTool().hasNoChildren()
            .satisfiesEvent(retrieve -> assertThat(retrieve.inputs()).containsOnlyKeys("query", "k").containsEntry("k", 2))
        .parent().child("complete").isModel().hasModel("stub-1").hasProvider("local");
    assertThat(session.properties().source()).isEqualTo("test");
  }

  @Test
  void nestingThreeDeepLinksEachLevel(RecordedTraces traces) {
    assertThat(pipeline.threeDeep(5)).isEqualTo("leaf5");
    RecordedSession session = traces.sessions().get(0);
    Event l1 = session.eventsNamed("threeDeep").get(0);
    Event l2 = session.eventsNamed("level2").get(0);
    Event l3 = session.eventsNamed("level3").get(0);
    assertThat(session).isWellFormed()
        .root().hasName("threeDeep").hasChildrenNamed("level2").child("level2").hasChildrenNamed("level3");
    assertThat(l1.childrenIds()).containsExactly(l2.eventId());
    assertThat(l2.childrenIds()).containsExactly(l3.eventId());
    assertThat(l1.duration()).isGreaterThanOrEqualTo(l2.duration());
    assertThat(l2.duration()).isGreaterThanOrEqualTo(l3.duration());
  }

  @Test
  void recursionNestsOneEventPerCall(RecordedTraces traces) {
    assertThat(pipeline.factorial(4)).isEqualTo(24);
    List<Event> events = traces.batches().get(0).events();
    assertThat(traces.sessions().get(0)).isWellFormed().hasEventCount(4);
    for (int i = 0; i < 3; i++) {
      assertThat(events.get(i).inputs()).containsEntry("n", 4 - i);
      assertThat(events.get(i).childrenIds()).containsExactly(events.get(i + 1).eventId());
    }
    assertThat(events.get(3).outputs()).containsEntry("result", 1);
  }

  @Test
  void siblingsShareTheirParentInCallOrder(RecordedTraces traces) {
    pipeline.outerCatching();
    RecordedSession session = traces.sessions().get(0);
    assertThat(session).isWellFormed().root().hasName("outerCatching").as("the chain handled it").hasNoError()
        .satisfiesEvent(outer -> assertThat(outer.childrenIds()).containsExactly(id(session, "failing"), id(session, "level3")))
        .child("failing").satisfiesEvent(e -> assertThat(e.error()).isEqualTo("java.lang.IllegalStateException: boom x"));
  }

  @Test
  void anExceptionThroughTwoLevelsIsRecordedAtEachAndRethrownAsTheSameObject(RecordedTraces traces) {
    RuntimeException original = new UnsupportedOperationException("nope");
    Throwable thrown = catchThrowable(() -> pipeline.outerRethrowing(original));

    assertThat(thrown).isSameAs(original);
    RecordedSession session = traces.sessions().get(0);
    assertThat(session).isWellFormed();
    assertThat(List.of(session.eventsNamed("outerRethrowing").get(0).error(), session.eventsNamed("middleRethrowing").get(0).error(),
        session.properties().error())).containsOnly("java.lang.UnsupportedOperationException: nope");
  }

  @Test
  void checkedExceptionsPassThroughUnchanged(RecordedTraces traces) throws IOException {
    assertThatThrownBy(() -> pipeline.checked(true)).isExactlyInstanceOf(IOException.class).hasMessage("disk on fire");
    assertThat(pipeline.checked(false)).isEqualTo("ok");
    assertThat(traces.batches()).hasSize(2);
    assertThat(traces.events()).extracting(Event::error).containsExactly("java.io.IOException: disk on fire", null);
  }

  @Test
  void voidPrimitiveNullAndMapReturns(RecordedTraces traces) {
    pipeline.nothing("s");
    assertThat(pipeline.primitive(2, 3L)).isEqualTo(5);
    assertThat(pipeline.nullResult()).isNull();
    assertThat(pipeline.mapResult()).containsEntry("role", "assistant");

    List<Event> events = traces.events();
    assertThat(events.get(0).outputs()).isEmpty();
    assertThat(events.get(1).outputs()).containsExactly(Map.entry("result", 5));
    assertThat(events.get(1).inputs()).containsEntry("a", 2).containsEntry("b", 3L);
    assertThat(events.get(2).outputs()).containsOnlyKeys("result").containsEntry("result", null);
    assertThat(events.get(3).outputs()).containsEntry("role", "assistant").containsEntry("content", "hi");
  }

  @Test
  void staticMethodsAreTraced(RecordedTraces traces) {
    assertThat(Fixtures.Pipeline.staticTool("a")).isEqualTo("static a");
    Event e = traces.events().get(0);
    assertThat(e.eventName()).isEqualTo("staticTool");
    assertThat(e.inputs()).containsEntry("s", "a");
    assertThat(e.outputs()).containsEntry("result", "static a");
  }

  @Test
  void captureFlagsOffRecordNeitherInputsNorOutputs(RecordedTraces traces) {
    assertThat(pipeline.secretive("tok-123")).isEqualTo("hidden");
    Event e = traces.events().get(0);
    assertThat(e.inputs()).isEmpty();
    assertThat(e.outputs()).isEmpty();
  }

  @Test
  void valuesAreCapturedAtCallAndReturnTime(RecordedTraces traces) {
    StringBuilder sb = new StringBuilder("a");
    StringBuilder returned = pipeline.mutable(sb);
    assertThat(returned).isSameAs(sb);
    sb.append("mutated later");
    Event e = traces.events().get(0);
    assertThat(e.inputs().get("sb")).isEqualTo("a");
    assertThat(e.outputs().get("result")).isEqualTo("a!");
  }

  @Test
  void tracedMethodsReturnAndThrowWhatTheyDoUntraced(RecordedTraces traces) {
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
    assertThat(traces.batches()).as("only the traced calls").hasSize(2);
  }

  @Test
  void disabledTracingRecordsNothingAndCreatesNoContext(RecordedTraces traces) {
    HoneyHive.tracer().setEnabled(false);
    try {
      pipeline.answer("q");
      assertThat(TraceContext.current()).isNull();
    } finally {
      HoneyHive.tracer().setEnabled(true);
    }
    assertThat(traces.batches()).isEmpty();
  }

  @Test
  void anExplicitSessionHoldsSeveralTopLevelCalls(RecordedTraces traces) {
    String sessionId;
    try (Session session = HoneyHive.startCurrentSession("conversation")) {
      sessionId = session.sessionId();
      session.setInput("user_message", "hello");
      session.setMetadata("tenant", "acme");
      session.setUserProperty("user", "u-1");
      assertThat(Context.current().sessionId()).contains(sessionId);
      pipeline.answer("one");
      pipeline.answer("two");
      assertThat(traces.batches()).as("nothing before the session closes").isEmpty();
      session.setOutput("bye");
    }
    assertThat(traces.batches()).hasSize(1);
    RecordedSession session = traces.onlySession();
    assertThat(session.id()).isEqualTo(sessionId);
    assertThat(session).isWellFormed().hasName("conversation").hasInput("user_message", "hello").hasOutput("result", "bye")
        .hasMetadata("tenant", "acme").hasRootsNamed("answer", "answer").hasEventCount(8);
    assertThat(session.properties().userProperties()).containsEntry("user", "u-1");
    assertThat(session.roots()).allMatch(e -> e.parentId().equals(sessionId));
  }

  @Test
  void everyArityRecordsItsArgumentsByName(RecordedTraces traces) {
    Fixtures.Arities m = new Fixtures.Arities();
    assertThat(m.none() + m.one(7L) + m.two(null, true) + m.three(1.5, "b", 'c') + m.four(4, "b", null, (byte) 9)
        + m.five("a", "b", "c", "d", 1, 2)).isEqualTo("012345");

    List<Event> events = traces.events();
    assertThat(events).extracting(Event::eventName).containsExactly("none", "one", "two", "three", "four", "five");
    assertThat(events.get(0).inputs()).isEmpty();
    assertThat(events.get(1).inputs()).isEqualTo(Map.of("a", 7L));
    assertThat(events.get(2).inputs()).containsOnlyKeys("a", "b").containsEntry("a", null).containsEntry("b", true);
    assertThat(events.get(3).inputs()).isEqualTo(Map.of("a", 1.5, "b", "b", "c", "c"));
    assertThat(events.get(3).config()).containsEntry("model", "m").containsEntry("provider", "p");
    assertThat(events.get(4).inputs()).containsOnlyKeys("a", "b", "c", "d").containsEntry("a", 4).containsEntry("c", null);
    assertThat(events.get(5).inputs()).containsOnlyKeys("a", "b", "c", "d", "e").containsEntry("e", List.of(1, 2));
  }
}
