package ai.honeyhive.test;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Tracer;
import ai.honeyhive.internal.GlobalTracerSlot;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.ResourceLock;

class HoneyHiveTestExtensionTest {

  @Nested
  @TracingTest
  class EachTest {
    @Test
    void recordsTheSessionsTracedThroughTheGlobalTracer(RecordedTraces traces) {
      String answer = Pipeline.answer("refunds");

      assertThat(answer).isEqualTo("answer from [doc about refunds]");
      assertThat(traces.sessions()).hasSize(1);
      assertThat(traces.onlySession().name()).isEqualTo("support");
      assertThat(traces.events()).hasSize(3);
      assertThat(HoneyHive.tracer()).isSameAs(traces.tracer());
    }

    @Test
    void startsEachTestWithNothingRecorded(RecordedTraces traces) {
      assertThat(traces.sessions()).isEmpty();
      Pipeline.answer("one");
      Pipeline.answer("two");
      assertThat(traces.sessions()).hasSize(2);
    }

    @Test
    @Timeout(10)
    void recordsSessionsCompletedOnOtherThreads(RecordedTraces traces) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        pool.submit(() -> Pipeline.answer("a")).get();
        pool.submit(() -> Pipeline.answer("b")).get();
      } finally {
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
      }
      assertThat(traces.sessions()).hasSize(2);
    }

    @Test
    @Timeout(10)
    void waitsForSessionsThatCompleteAfterTheCallReturns(RecordedTraces traces) {
      ai.honeyhive.Session session = HoneyHive.startDetachedSession("callback");
      java.util.concurrent.CompletableFuture.runAsync(() -> {
        try (ai.honeyhive.Scope scope = session.makeCurrent()) {
          HoneyHive.tracer().trace(ai.honeyhive.SpanKind.TOOL, "late", java.util.Map.of(), span -> 1);
        }
        session.close();
      });

      RecordedSession recorded = traces.awaitSessions(1, java.time.Duration.ofSeconds(5)).get(0);
      TraceAssertions.assertThat(recorded).hasName("callback").root().isTool().hasName("late");
    }

    @Test
    void awaitingTooManySessionsFailsListingWhatCame(RecordedTraces traces) {
      Pipeline.answer("one");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> traces.awaitSessions(2, java.time.Duration.ofMillis(50)))
          .hasMessageContaining("Expected 2 completed sessions within PT0.05S but found 1; recorded:\n[honeyhive] session support");
    }
  }

  @Test
  @ResourceLock(HoneyHiveTestExtension.GLOBAL_TRACER)
  void putsThePreviousGlobalTracerBackWithoutShuttingItDown() {
    Tracer before = RecordedTraces.create().tracer();
    Tracer replaced = GlobalTracerSlot.swap(before);
    try {
      HoneyHiveTestExtension extension = new HoneyHiveTestExtension();
      ExtensionContext context = FakeContext.create();
      extension.beforeEach(context);
      assertThat(HoneyHive.tracer()).isNotSameAs(before);
      extension.afterEach(context);

      assertThat(GlobalTracerSlot.current()).isSameAs(before);
      assertThat(before.isEnabled()).isTrue();
      Pipeline.answer(before, "still works", false);
    } finally {
      GlobalTracerSlot.swap(replaced);
    }
  }

  @Test
  @ResourceLock(HoneyHiveTestExtension.GLOBAL_TRACER)
  void customisedTracerIsTheOneTheTestGets() throws Exception {
    HoneyHiveTestExtension extension = HoneyHiveTestExtension.withTracer(b -> b.masker((key, value) -> "masked"));
    ExtensionContext context = FakeContext.create();
    extension.beforeEach(context);
    try {
      Pipeline.answer("secret question");
      RecordedTraces traces = (RecordedTraces) extension.resolveParameter(null, context);
      TraceAssertions.assertThat(traces.onlySession()).root().hasInput("question", "masked");
    } finally {
      extension.afterEach(context);
    }
  }
}
