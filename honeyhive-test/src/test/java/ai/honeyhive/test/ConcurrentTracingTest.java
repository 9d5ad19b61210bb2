package ai.honeyhive.test;

import static ai.honeyhive.test.TraceAssertions.assertThat;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Two tests that really run at the same time (each waits inside for the other) each see only
 * their own sessions: one traces through the process-wide tracer under {@link TracingTest}'s lock,
 * the other through a tracer of its own, which needs no lock.
 */
@Execution(ExecutionMode.CONCURRENT)
@Timeout(60)
class ConcurrentTracingTest {
  private static final CyclicBarrier BOTH_INSIDE = new CyclicBarrier(2);

  @Test
  @TracingTest
  void aTestOnTheGlobalTracerSeesOnlyItsOwnSessions(RecordedTraces traces) throws Exception {
    BOTH_INSIDE.await(30, TimeUnit.SECONDS);   // the other test is running now
    Pipeline.answer("through the global tracer");
    BOTH_INSIDE.await(30, TimeUnit.SECONDS);   // and has traced its own session meanwhile

    assertThat(traces.sessions()).hasSize(1);
    assertThat(traces.onlySession()).root().hasInput("question", "through the global tracer");
  }

  @Test
  void aTestWithATracerOfItsOwnSeesOnlyItsOwnSessions() throws Exception {
    RecordedTraces own = RecordedTraces.create();
    BOTH_INSIDE.await(30, TimeUnit.SECONDS);
    Pipeline.answer(own.tracer(), "through a tracer of its own", false);
    BOTH_INSIDE.await(30, TimeUnit.SECONDS);

    assertThat(own.sessions()).hasSize(1);
    assertThat(own.onlySession()).root().hasInput("question", "through a tracer of its own");
  }
}
