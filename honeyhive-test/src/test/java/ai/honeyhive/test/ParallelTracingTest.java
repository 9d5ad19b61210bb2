package ai.honeyhive.test;

import static ai.honeyhive.test.TraceAssertions.assertThat;

import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * Under parallel execution (on for this module, see junit-platform.properties) each test sees
 * only its own sessions: the tests sharing the global tracer take turns on its lock while the
 * other test classes run alongside.
 */
@TracingTest
@Timeout(30)
class ParallelTracingTest {

  @RepeatedTest(12)
  void eachTestSeesOnlyItsOwnSession(RepetitionInfo repetition, RecordedTraces traces) {
    String question = "question " + repetition.getCurrentRepetition();
    Pipeline.answer(question);
    Pipeline.answer(question);

    assertThat(traces.sessions()).hasSize(2);
    for (RecordedSession s : traces.sessions()) {
      assertThat(s).root().hasInput("question", question);
    }
  }
}
