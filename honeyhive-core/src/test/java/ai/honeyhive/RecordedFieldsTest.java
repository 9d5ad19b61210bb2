package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.SessionProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a span and a session record through their setters: the same fields, the same way, values
 * taken as they were at the call, and enrichment from other threads while a span is open kept.
 */
@Timeout(60)
class RecordedFieldsTest {
  private final InMemoryExporter exporter = new InMemoryExporter();
  private final Tracer tracer = Tracer.builder()
      .config(HoneyHiveConfig.builder().project("p").build())
      .settings(TracerSettings.builder().exportConsole(false).exportFile(null).build())
      .synchronousExporter(exporter).build();

  @AfterEach
  void tearDown() {
    tracer.shutdown(Duration.ofSeconds(5));
  }

  @Test
  void aSpanAndASessionRecordEveryFieldTheSameWay() {
    try (Session session = tracer.startCurrentSession("s")) {
      session.setInput("q", List.of("a", 1)).setOutput(Map.of("answer", 42)).setConfig("model", "m")
          .setMetadata("tag", true).setMetric("score", 0.5).setFeedback("liked", "yes")
          .setUserProperty("user", "u1").recordError(new IllegalStateException("boom"));
      Span span = tracer.startSpan(SpanKind.TOOL, "step");
      span.setInput("q", List.of("a", 1)).setOutput(Map.of("answer", 42)).setConfig("model", "m")
          .setMetadata("tag", true).setMetric("score", 0.5).setFeedback("liked", "yes")
          .setUserProperty("user", "u1").recordError(new IllegalStateException("boom"));
      span.end();
    }

    SessionProperties props = exporter.batches().get(0).sessionProperties();
    Event event = exporter.batches().get(0).events().get(0);
    assertThat(props.inputs()).isEqualTo(event.inputs()).isEqualTo(Map.of("q", List.of("a", 1)));
    assertThat(props.outputs()).isEqualTo(event.outputs()).isEqualTo(Map.of("answer", 42));
    assertThat(props.config()).isEqualTo(event.config()).isEqualTo(Map.of("model", "m"));
    assertThat(props.metadata()).isEqualTo(event.metadata()).isEqualTo(Map.of("tag", true));
    assertThat(props.metrics()).isEqualTo(event.metrics()).isEqualTo(Map.of("score", 0.5));
    assertThat(props.feedback()).isEqualTo(event.feedback()).isEqualTo(Map.of("liked", "yes"));
    assertThat(props.userProperties()).isEqualTo(event.userProperties()).isEqualTo(Map.of("user", "u1"));
    assertThat(props.error()).isEqualTo(event.error()).isEqualTo("java.lang.IllegalStateException: boom");
  }

  @Test
  void aSessionsValuesAreTakenAsTheyWereAtTheCall() {
    List<String> steps = new ArrayList<>(List.of("plan"));
    try (Session session = tracer.startCurrentSession("s")) {
      session.setInput("steps", steps).setOutput(steps);
      steps.add("act");
      tracer.trace(SpanKind.TOOL, "step", Map.of(), s -> "ok");
    }

    SessionProperties props = exporter.batches().get(0).sessionProperties();
    assertThat(props.inputs()).isEqualTo(Map.of("steps", List.of("plan")));
    assertThat(props.outputs()).isEqualTo(Map.of(Span.RESULT_KEY, List.of("plan")));
  }

  @Test
  void aSpanEnrichedFromManyThreadsWhileOpenKeepsEveryValue() throws Exception {
    int threads = 8;
    int perThread = 200;
    Span span = tracer.startSpan(SpanKind.CHAIN, "fan-out");
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < perThread; i++) {
            span.setMetadata("t" + thread + "-" + i, i);
            span.setMetric("t" + thread + "-" + i, thread);
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    span.end();
    span.setMetadata("after-end", 1);   // the event has ended: ignored

    Event event = exporter.batches().get(0).events().get(0);
    assertThat(event.metadata()).hasSize(threads * perThread).containsEntry("t7-199", 199)
        .doesNotContainKey("after-end");
    assertThat(event.metrics()).hasSize(threads * perThread).containsEntry("t3-0", 3);
  }
}
