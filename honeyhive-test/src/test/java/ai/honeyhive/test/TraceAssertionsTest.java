package ai.honeyhive.test;

import static ai.honeyhive.test.TraceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.honeyhive.Session;
import ai.honeyhive.SpanKind;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import ai.honeyhive.transport.model.SessionProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each assertion passes on the right tree and, on a wrong one, says what differs and where. */
class TraceAssertionsTest {
  private RecordedTraces traces;
  private RecordedSession session;

  @BeforeEach
  void record() {
    traces = RecordedTraces.create();
    Pipeline.answer(traces.tracer(), "refunds", true);
    session = traces.onlySession();
  }

  @Test
  void aRightTreeReadsLikeTheTrace() {
    assertThat(session).hasName("support").hasEventCount(3).hasRootsNamed("answer")
        .root().isChain().hasName("answer").hasInput("question", "refunds").hasNoError()
        .hasResult("answer from []").hasChildrenNamed("retrieve", "complete").hasChildCount(2)
        .child("retrieve").isTool().hasInputs(Map.of("query", "refunds"))
        .hasErrorContaining("IllegalStateException: index offline").hasNoChildren()
        .parent()
        .child(1).isModel().hasModel("gpt-4o").hasProvider("openai").hasTokenUsage(35, 23)
        .hasInput("context", List.of()).hasNoError();
    assertThat(session).event("complete").hasMetadata("total_tokens", 58);
    assertThat(session).root(0).child(0).hasName("retrieve");
  }

  @Test
  void aWrongTypeNamesTheEventAndMarksItInTheTree() {
    assertThatThrownBy(() -> assertThat(session).root().child("retrieve").isModel())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected event <session \"support\" > answer > retrieve> to be a model event but it is a tool event")
        .hasMessageContaining("[honeyhive] session support (" + session.id() + ") source=dev, 3 events")
        .hasMessageMatching("(?s).*\n    \\|-- tool retrieve  [0-9.]+ ms  ERROR java.lang.IllegalStateException: index offline  <-- here\n.*")
        .hasMessageMatching("(?s).*\n    `-- model complete  [0-9.]+ ms\n.*");
  }

  @Test
  void aWrongNameSaysBothNames() {
    assertThatThrownBy(() -> assertThat(session).root().hasName("respond"))
        .hasMessageContaining("to be named \"respond\" but it is named \"answer\"")
        .hasMessageMatching("(?s).*\n`-- chain answer  [0-9.]+ ms  <-- here\n.*");
  }

  @Test
  void aMissingChildSaysHowManyThereAre() {
    assertThatThrownBy(() -> assertThat(session).root().child("rerank"))
        .hasMessageContaining("to have exactly one child named \"rerank\" but it has 0");
    assertThatThrownBy(() -> assertThat(session).root().child(2))
        .hasMessageContaining("to have a child at index 2 but it has 2 children");
  }

  @Test
  void aWrongInputShowsTheRecordedValue() {
    assertThatThrownBy(() -> assertThat(session).root().hasInput("question", "refund"))
        .hasMessageContaining("to have inputs.question = \"refund\" but it was \"refunds\"");
    assertThatThrownBy(() -> assertThat(session).root().hasInput("user", "u1"))
        .hasMessageContaining("to have inputs.user = \"u1\" but its inputs are {question=refunds}");
    assertThatThrownBy(() -> assertThat(session).root().child(0).hasInputs(Map.of("query", "x")))
        .hasMessageContaining("to have inputs {query=x} but they were {query=refunds}");
  }

  @Test
  void aWrongOutputOrResultShowsTheRecordedValue() {
    assertThatThrownBy(() -> assertThat(session).root().hasResult("42"))
        .hasMessageContaining("to have outputs.result = \"42\" but it was \"answer from []\"");
    assertThatThrownBy(() -> assertThat(session).root().hasOutput("answer", 1))
        .hasMessageContaining("to have outputs.answer = 1 but its outputs are {result=answer from []}");
  }

  @Test
  void anUnexpectedOrMissingErrorIsSaid() {
    assertThatThrownBy(() -> assertThat(session).root().child("retrieve").hasNoError())
        .hasMessageContaining("to have no error but it has \"java.lang.IllegalStateException: index offline\"");
    assertThatThrownBy(() -> assertThat(session).root().hasErrorContaining("timeout"))
        .hasMessageContaining("<session \"support\" > answer> to have an error containing \"timeout\" but its error was null");
  }

  @Test
  void aWrongModelProviderOrTokenUsageIsSaid() {
    assertThatThrownBy(() -> assertThat(session).event("complete").hasModel("gpt-4o-mini"))
        .hasMessageContaining("to have config.model = \"gpt-4o-mini\" but it was \"gpt-4o\"");
    assertThatThrownBy(() -> assertThat(session).event("complete").hasProvider("anthropic"))
        .hasMessageContaining("to have config.provider = \"anthropic\" but it was \"openai\"");
    assertThatThrownBy(() -> assertThat(session).event("complete").hasTokenUsage(35, 24))
        .hasMessageContaining("to have metadata.completion_tokens = 24 but it was 23");
    assertThatThrownBy(() -> assertThat(session).root().hasModel("gpt-4o"))
        .hasMessageContaining("to have config.model = \"gpt-4o\" but its config are");
  }

  @Test
  void aWrongOrderOrCountIsSaid() {
    assertThatThrownBy(() -> assertThat(session).root().hasChildrenNamed("complete", "retrieve"))
        .hasMessageContaining("to have children [complete, retrieve] in this order but they are [retrieve, complete]");
    assertThatThrownBy(() -> assertThat(session).root().hasChildCount(3))
        .hasMessageContaining("to have 3 children but it has 2");
    assertThatThrownBy(() -> assertThat(session).hasEventCount(4))
        .hasMessageContaining("Expected the session to hold 4 events but it holds 3")
        .hasMessageContaining("[honeyhive] session support (" + session.id() + ") source=dev, 3 events  <-- here");
  }

  @Test
  void aWrongSessionNameOrMissingSessionListsWhatWasRecorded() {
    assertThatThrownBy(() -> assertThat(session).hasName("billing"))
        .hasMessageContaining("Expected the session to be named \"billing\" but it is named \"support\"");
    assertThatThrownBy(() -> traces.session("billing"))
        .hasMessageContaining("Expected exactly one session named \"billing\" but found 0; recorded:\n[honeyhive] session support");
    assertThatThrownBy(() -> RecordedTraces.create().onlySession())
        .hasMessageContaining("Expected exactly one recorded session but found 0; nothing was recorded");
  }

  @Test
  void findsSessionsByNameRootOrId() {
    Pipeline.answer(traces.tracer(), "second", false);
    assertThatThrownBy(() -> traces.session("support")).hasMessageContaining("but found 2");
    assertThat(traces.sessionWithId(session.id())).hasNoError().root().hasInput("question", "refunds");
    assertThatThrownBy(() -> traces.sessionWithRoot("answer")).hasMessageContaining("but found 2");
  }

  @Test
  void describedAssertionsSayTheirDescription() {
    assertThatThrownBy(() -> assertThat(session).root().as("the chain").isTool())
        .hasMessageStartingWith("[the chain] Expected event <session \"support\" > answer> to be a tool event");
  }

  @Test
  void sessionLevelMismatchesSayWhatTheSessionHolds() {
    assertThatThrownBy(() -> assertThat(session).hasErrorContaining("offline"))
        .hasMessageContaining("Expected the session's error to contain \"offline\" but it was null")
        .hasMessageContaining("[honeyhive] session support");
    RecordedTraces failing = RecordedTraces.create();
    try (Session s = failing.tracer().startCurrentSession("failing")) {
      s.setInput("user", "u1");
      s.setMetadata("tenant", "acme");
      s.setOutput("bye");
      s.recordError(new IllegalStateException("down"));
      failing.tracer().trace(SpanKind.TOOL, "boom", Map.of(), span -> 1);
    }
    RecordedSession failed = failing.onlySession();
    assertThatThrownBy(() -> assertThat(failed).hasNoError())
        .hasMessageContaining("Expected the session to have no error but it has \"java.lang.IllegalStateException: down\"");
    assertThatThrownBy(() -> assertThat(failed).hasInput("user", "u2"))
        .hasMessageContaining("Expected the session's inputs.user to be \"u2\" but it was \"u1\"");
    assertThatThrownBy(() -> assertThat(failed).hasInput("locale", "en"))
        .hasMessageContaining("Expected the session's inputs to hold \"locale\" but its inputs are {user=u1}");
    assertThatThrownBy(() -> assertThat(failed).hasOutput("result", "hi"))
        .hasMessageContaining("Expected the session's outputs.result to be \"hi\" but it was \"bye\"");
    assertThatThrownBy(() -> assertThat(failed).hasMetadata("tenant", "globex"))
        .hasMessageContaining("Expected the session's metadata.tenant to be \"globex\" but it was \"acme\"");
  }

  @Test
  void findingARootOrAnEventThatIsNotThereSaysWhatIs() {
    RecordedTraces two = RecordedTraces.create();
    try (Session s = two.tracer().startCurrentSession("two")) {
      two.tracer().trace(SpanKind.TOOL, "first", Map.of(), span -> 1);
      two.tracer().trace(SpanKind.TOOL, "second", Map.of(), span -> 2);
    }
    RecordedSession twoRoots = two.onlySession();
    assertThat(twoRoots).hasRootsNamed("first", "second").root(1).hasName("second");
    assertThatThrownBy(() -> assertThat(twoRoots).hasRootsNamed("second", "first"))
        .hasMessageContaining("Expected the session's top-level events to be [second, first] but they are [first, second]");
    assertThatThrownBy(() -> assertThat(twoRoots).root())
        .hasMessageContaining("Expected the session to have exactly one top-level event but it has 2")
        .hasMessageContaining("|-- tool first");
    assertThatThrownBy(() -> assertThat(twoRoots).root("third"))
        .hasMessageContaining("Expected exactly one top-level event named \"third\" but found 0");
    assertThatThrownBy(() -> assertThat(twoRoots).root(2))
        .hasMessageContaining("Expected a top-level event at index 2 but the session has 2");
    assertThatThrownBy(() -> assertThat(session).event("rerank"))
        .hasMessageContaining("Expected exactly one event named \"rerank\" in the session but found 0");
    assertThatThrownBy(() -> assertThat(session).root().parent())
        .hasMessageContaining("<session \"support\" > answer> to have a parent event but it is a top-level event");
  }

  @Test
  void wrongOutputsChildrenMetricsFeedbackOrUserPropertiesAreSaid() {
    RecordedTraces enriched = RecordedTraces.create();
    enriched.tracer().trace(SpanKind.MODEL, "rate", Map.of(), span -> {
      span.setMetric("relevance", 0.9).setFeedback("liked", true).setUserProperty("user_id", "u-42");
      return "ok";
    });
    RecordedSession rated = enriched.onlySession();
    assertThatThrownBy(() -> assertThat(rated).root().isChain())
        .hasMessageContaining("to be a chain event but it is a model event");
    assertThatThrownBy(() -> assertThat(rated).root().hasOutputs(Map.of("result", "no")))
        .hasMessageContaining("to have outputs {result=no} but they were {result=ok}");
    assertThatThrownBy(() -> assertThat(rated).root().hasMetric("relevance", 0.5))
        .hasMessageContaining("to have metrics.relevance = 0.5 but it was 0.9");
    assertThatThrownBy(() -> assertThat(rated).root().hasFeedback("liked", false))
        .hasMessageContaining("to have feedback.liked = false but it was true");
    assertThatThrownBy(() -> assertThat(rated).root().hasUserProperty("user_id", "u-7"))
        .hasMessageContaining("to have user_properties.user_id = \"u-7\" but it was \"u-42\"");
    assertThatThrownBy(() -> assertThat(session).root().hasNoChildren())
        .hasMessageContaining("to have 0 children but it has 2");
  }

  @Test
  void aSessionWhoseLinksDoNotHoldSaysWhichEventAndWhy() {
    assertThat(session).isWellFormed();

    assertThat(linked("s", e("a", "s", "s", "b"), e("b", "s", "a"))).isWellFormed();
    assertThatThrownBy(() -> assertThat(linked("s", e("a", "s", "s"), e("b", "other", "a"))).isWellFormed())
        .hasMessageContaining("Expected event <session \"t\" > ... > b> to carry the session's id \"s\" but it carries \"other\"")
        .hasMessageMatching("(?s).*tool b .*<-- here.*");
    assertThatThrownBy(() -> assertThat(linked("s", e("a", "s", "s"), e("a", "s", "s"))).isWellFormed())
        .hasMessageContaining("to have an id of its own but \"a\" is another event's too");
    assertThatThrownBy(() -> assertThat(linked("s", e("a", "s", "s"), e("b", "s", "gone"))).isWellFormed())
        .hasMessageContaining("<session \"t\" > ... > b> to have the session or one of its events as parent but its parent_id is \"gone\"");
    assertThatThrownBy(() -> assertThat(linked("s", e("a", "s", "s"), e("b", "s", "a"))).isWellFormed())
        .hasMessageContaining("<session \"t\" > ... > a> to list its child \"b\" (b) in children_ids but they are []");
    assertThatThrownBy(() -> assertThat(linked("s", e("a", "s", "s", "b", "b"), e("b", "s", "a"))).isWellFormed())
        .hasMessageContaining("to list each child once in children_ids but they are [b, b]");
    assertThatThrownBy(() -> assertThat(linked("s", e("a", "s", "s", "c"))).isWellFormed())
        .hasMessageContaining("to list in children_ids only events whose parent it is but \"c\" is no event of the session");
  }

  private static Event e(String id, String sessionId, String parentId, String... children) {
    return Event.builder().eventType(EventType.TOOL).eventName(id).eventId(id).sessionId(sessionId).parentId(parentId)
        .childrenIds(List.of(children)).startTime(1L).endTime(2L).build();
  }

  private static RecordedSession linked(String sessionId, Event... events) {
    return new RecordedSession(new SessionProperties("test", "t", sessionId, null, null, null, null, null, null, null, null),
        List.of(events));
  }
}
