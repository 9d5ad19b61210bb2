package ai.honeyhive.test;

import static ai.honeyhive.test.TraceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
