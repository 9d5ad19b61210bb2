package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Work that is over (a span ended, a session closed) or never ends (a span leaked on a pool thread)
 * neither swallows later work nor grows without bound; long sessions export as they go; a task
 * handed to a wrapped executor is listed under its parent even when it starts after the parent ended.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionLifecycleTest {
  private final InMemoryExporter exporter = new InMemoryExporter();
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  private Tracer tracer(TracerSettingsBuilder settings) {
    return Tracer.builder().config(TestTracers.config()).settings(settings.build()).synchronousExporter(exporter).build();
  }

  private static TracerSettingsBuilder config() {
    return TestTracers.settings().toBuilder();
  }

  private <T> T onPool(java.util.concurrent.Callable<T> work) throws Exception {
    return pool.submit(work).get(30, TimeUnit.SECONDS);
  }

  private Event only(String name) {
    List<Event> named = exporter.events().stream().filter(e -> e.eventName().equals(name)).toList();
    assertThat(named).as("events named %s", name).hasSize(1);
    return named.get(0);
  }

  @Test
  void aSpanEndedFromAnotherThreadIsNotTheParentOfLaterCallsOnTheThreadThatStartedIt() throws Exception {
    Tracer tracer = tracer(config());
    Span handedOff = onPool(() -> tracer.startSpan(SpanKind.CHAIN, "handed off"));
    handedOff.end();   // on this thread: it stays current on the pool thread

    onPool(() -> tracer.trace(SpanKind.TOOL, "later, unrelated", Map.of(), s -> "x"));

    Event later = only("later, unrelated");
    assertThat(later.sessionId()).isNotEqualTo(handedOff.sessionId());
    assertThat(later.parentId()).isEqualTo(later.sessionId());
  }

  @Test
  void aSessionClosedFromAnotherThreadIsNotTheSessionOfLaterCallsOnTheThreadThatOpenedIt() throws Exception {
    Tracer tracer = tracer(config());
    Session conversation = onPool(() -> tracer.startCurrentSession("conversation"));
    conversation.close();   // on this thread: it stays current on the pool thread

    onPool(() -> tracer.trace(SpanKind.TOOL, "later, unrelated", Map.of(), s -> "x"));

    Event later = only("later, unrelated");
    assertThat(later.sessionId()).isNotEqualTo(conversation.sessionId());
    assertThat(exporter.batches()).anySatisfy(b ->
        assertThat(b.sessionProperties().sessionName()).isEqualTo("conversation"));
  }

  @Test
  void aSpanNeverEndedOnAPoolThreadIsCutAtTheAgeLimitAndNamedInAWarning() throws Exception {
    Tracer tracer = tracer(config().maxSessionAge(Duration.ofSeconds(1)));
    Span leaked = onPool(() -> tracer.startSpan(SpanKind.CHAIN, "leaked span"));
    onPool(() -> tracer.trace(SpanKind.TOOL, "swallowed", Map.of(), s -> "x"));
    long started = System.nanoTime();
    await().atMost(Duration.ofSeconds(10))
        .until(() -> System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(1_100));   // the age limit passes

    String warnings = stderrOf(() -> onPool(() -> tracer.trace(SpanKind.TOOL, "after the limit", Map.of(), s -> "y")));

    Event cut = only("leaked span");
    assertThat(cut.metadata()).containsEntry("honeyhive_incomplete", true);
    assertThat(only("swallowed").parentId()).isEqualTo(leaked.spanId());
    Event after = only("after the limit");
    assertThat(after.sessionId()).isNotEqualTo(leaked.sessionId());
    assertThat(after.parentId()).isEqualTo(after.sessionId());
    assertThat(tracer.incompleteSessionCount()).isEqualTo(1);
    assertThat(warnings).contains("leaked span", "HH_MAX_SESSION_AGE_MS", "pool-");
    assertWholeTrees(exporter.batches());
  }

  @Test
  void aSessionLeftOpenAndIdleIsCutByTheAgeCheckWhenOtherSessionsStart() {
    Tracer tracer = tracer(config().maxSessionAge(Duration.ofSeconds(1)));
    Session forgotten = tracer.startDetachedSession("forgotten");
    Span open;
    try (Scope scope = forgotten.makeCurrent()) {
      open = tracer.startSpan(SpanKind.MODEL, "never ended");
    }
    long started = System.nanoTime();
    await().atMost(Duration.ofSeconds(10))
        .until(() -> System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(1_300));   // age and check interval pass

    tracer.trace(SpanKind.TOOL, "unrelated", Map.of(), s -> "x");   // a new session starts: the check runs

    assertThat(exporter.batches()).anySatisfy(b -> {
      assertThat(b.sessionProperties().sessionName()).isEqualTo("forgotten");
      assertThat(b.events()).singleElement().satisfies(e -> {
        assertThat(e.eventId()).isEqualTo(open.spanId());
        assertThat(e.metadata()).containsEntry("honeyhive_incomplete", true);
      });
    });
    assertThat(tracer.incompleteSessionCount()).isEqualTo(1);
    forgotten.close();
    open.end();
    assertThat(exporter.events()).hasSize(2);
  }

  @Test
  void beyondAHundredThousandOpenSessionsTheOldestAreCut() {
    Tracer tracer = tracer(config().maxSessionAge(Duration.ofSeconds(8)));   // checked every second
    Session oldest = tracer.startDetachedSession("oldest");
    List<Session> open = new ArrayList<>();
    for (int i = 0; i < 100_005; i++) {
      open.add(tracer.startDetachedSession("open"));
    }
    long started = System.nanoTime();
    await().atMost(Duration.ofSeconds(10))
        .until(() -> System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(1_100));   // the check interval passes

    tracer.startDetachedSession("one more");

    assertThat(tracer.incompleteSessionCount()).isBetween(6L, 7L);
    assertThat(exporter.batches()).anySatisfy(b -> assertThat(b.sessionProperties().sessionName()).isEqualTo("oldest"));
    oldest.close();
    assertThat(exporter.batches().stream().filter(b -> "oldest".equals(b.sessionProperties().sessionName())))
        .as("sent once").hasSize(1);
  }

  @Test
  void aSessionHoldingTooManyOpenEventsIsCutAtTheEventLimit() {
    Tracer tracer = tracer(config().maxSessionEvents(100));
    List<Span> neverEnded = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      neverEnded.add(tracer.startSpan(SpanKind.CHAIN, "open " + i));   // each one a child of the one before
    }

    assertThat(exporter.batches()).hasSize(1);
    BatchRequest cut = exporter.batches().get(0);
    assertThat(cut.events()).hasSize(100)
        .allSatisfy(e -> assertThat(e.metadata()).containsEntry("honeyhive_incomplete", true));
    assertThat(neverEnded.get(100).sessionId()).isNotEqualTo(neverEnded.get(0).sessionId());
    assertThat(tracer.incompleteSessionCount()).isEqualTo(1);
    neverEnded.forEach(Span::end);
    assertThat(exporter.events().stream().filter(e -> e.eventName().equals("open 0"))).as("sent once").hasSize(1);
  }

  @Test
  void aLongSessionExportsCompletedTurnsAsItGoesAndAnnouncesItselfOnceWhenClosed() {
    Tracer tracer = tracer(config());
    try (Session conversation = tracer.startCurrentSession("long conversation")) {
      for (int turn = 0; turn < 400; turn++) {
        tracer.trace(SpanKind.CHAIN, "turn", Map.of(), t -> tracer.trace(SpanKind.MODEL, "reply", Map.of(), m -> "r"));
      }
      assertThat(exporter.batches()).as("exported before the session closed").isNotEmpty()
          .allSatisfy(b -> {
            assertThat(b.sessionProperties().sessionId()).isEqualTo(conversation.sessionId());
            assertThat(b.sessionProperties().sessionName()).as("a follow-up piece").isNull();
          });
    }
    List<BatchRequest> pieces = exporter.batches();
    assertThat(pieces.stream().filter(b -> b.sessionProperties().sessionName() != null))
        .singleElement().satisfies(b -> assertThat(b.sessionProperties().sessionName()).isEqualTo("long conversation"));
    assertThat(exporter.events()).hasSize(800);
    assertWholeTrees(pieces);
  }

  @Test
  void aTaskHandedToAWrappedExecutorIsListedUnderItsParentEvenWhenItStartsAfterTheParentEnded() throws Exception {
    Tracer tracer = tracer(config());
    CountDownLatch go = new CountDownLatch(1);
    pool.execute(() -> {   // keeps the pool's only thread busy: the handed-off task starts after its parent ended
      try {
        go.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    ExecutorService wrapped = HoneyHive.taskWrapping(pool);
    tracer.trace(SpanKind.CHAIN, "parent", Map.of(), p -> wrapped.submit(
        () -> tracer.trace(SpanKind.TOOL, "handed-off child", Map.of(), c -> "done")));

    assertThat(exporter.batches()).as("held while the handed-off task has not run").isEmpty();
    go.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> exporter.events().size() == 2);

    Event parent = only("parent");
    Event child = only("handed-off child");
    assertThat(child.parentId()).isEqualTo(parent.eventId());
    assertThat(parent.childrenIds()).containsExactly(child.eventId());
    assertWholeTrees(exporter.batches());
  }

  @Test
  void callsUnderASpanNeverEndedOnAPoolThreadAreExportedAsTheyGoNotHeld() throws Exception {
    Tracer tracer = tracer(config());
    Span leaked = onPool(() -> tracer.startSpan(SpanKind.CHAIN, "leaked span"));
    for (int i = 0; i < 600; i++) {
      onPool(() -> tracer.trace(SpanKind.TOOL, "later call", Map.of(), s -> "x"));
    }

    assertThat(exporter.events()).as("sent while the leaked span is still open").hasSizeGreaterThanOrEqualTo(512)
        .allSatisfy(e -> assertThat(e.parentId()).isEqualTo(leaked.spanId()));
    assertThat(exporter.batches()).allSatisfy(b -> assertThat(b.sessionProperties().sessionName()).isNull());
  }

  @Test
  void aSessionKeptOnlyForItsErrorsHoldsItsEventsUntilSomethingFailsThenExportsAsItGoes() {
    Tracer tracer = tracer(config().sampleRate(0.0).sampleKeepErrors(true));
    try (Session conversation = tracer.startCurrentSession("kept for errors")) {
      for (int i = 0; i < 600; i++) {
        tracer.trace(SpanKind.TOOL, "fine", Map.of(), s -> "ok");
      }
      assertThat(exporter.batches()).as("not known to be kept yet: nothing may leave").isEmpty();
      try {
        tracer.trace(SpanKind.TOOL, "fails", Map.of(), s -> {
          throw new IllegalStateException("boom");
        });
      } catch (IllegalStateException expected) {
        // the traced call's own exception
      }
      for (int i = 0; i < 600; i++) {
        tracer.trace(SpanKind.TOOL, "fine", Map.of(), s -> "ok");
      }
      assertThat(exporter.batches()).as("kept now: exports as it goes").isNotEmpty();
    }
    assertThat(exporter.events()).hasSize(1_201);
    assertWholeTrees(exporter.batches());
  }

  @Test
  void aSessionNotSampledAndWithoutErrorsExportsNothingEvenWhenLong() {
    Tracer tracer = tracer(config().sampleRate(0.0).sampleKeepErrors(true));
    try (Session conversation = tracer.startCurrentSession("dropped")) {
      for (int i = 0; i < 1_200; i++) {
        tracer.trace(SpanKind.TOOL, "fine", Map.of(), s -> "ok");
      }
    }
    assertThat(exporter.batches()).isEmpty();
  }

  @Test
  void aHandedOffTaskThatNeverRunsDoesNotHoldItsSession() {
    Tracer tracer = tracer(config());
    ExecutorService stopped = Executors.newSingleThreadExecutor();
    stopped.shutdown();
    ExecutorService wrapped = HoneyHive.taskWrapping(stopped);
    tracer.trace(SpanKind.CHAIN, "rejected hand-off", Map.of(), p -> {
      try {
        wrapped.submit(() -> "never runs");
      } catch (java.util.concurrent.RejectedExecutionException expected) {
        // the executor's own answer, unchanged
      }
      return "x";
    });
    assertThat(TracingNames.of(exporter)).containsExactly("rejected hand-off");
  }

  @Test
  void aHandedOffFutureCancelledBeforeItRanDoesNotHoldItsSession() throws Exception {
    Tracer tracer = tracer(config());
    CountDownLatch go = new CountDownLatch(1);
    pool.execute(() -> {
      try {
        go.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    ExecutorService wrapped = HoneyHive.taskWrapping(pool);
    tracer.trace(SpanKind.CHAIN, "cancelled hand-off", Map.of(),
        p -> wrapped.submit(() -> tracer.trace(SpanKind.TOOL, "never runs", Map.of(), c -> "x")).cancel(false));
    assertThat(TracingNames.of(exporter)).containsExactly("cancelled hand-off");
    go.countDown();
  }

  /** Names of the events exported so far. */
  private static final class TracingNames {
    static List<String> of(InMemoryExporter exporter) {
      return exporter.events().stream().map(Event::eventName).toList();
    }
  }

  /** Every event sent once; across the pieces of each session, children_ids mirror parent_id exactly. */
  private static void assertWholeTrees(List<BatchRequest> pieces) {
    Map<String, Event> byId = new HashMap<>();
    Set<String> announced = new HashSet<>();
    for (BatchRequest b : pieces) {
      if (b.sessionProperties().sessionName() != null) {
        assertThat(announced.add(b.sessionProperties().sessionId())).as("announced once").isTrue();
      }
      for (Event e : b.events()) {
        assertThat(byId.put(e.eventId(), e)).as("%s sent once", e.eventName()).isNull();
      }
    }
    for (Event e : byId.values()) {
      if (!e.parentId().equals(e.sessionId())) {
        Event parent = byId.get(e.parentId());
        assertThat(parent).as("parent of %s", e.eventName()).isNotNull();
        assertThat(parent.childrenIds()).as("children of %s", parent.eventName()).contains(e.eventId());
      }
      for (String child : e.childrenIds()) {
        assertThat(byId.get(child)).as("child %s of %s", child, e.eventName()).isNotNull();
        assertThat(byId.get(child).parentId()).isEqualTo(e.eventId());
      }
    }
  }

  private interface Work {
    void run() throws Exception;
  }

  private static String stderrOf(Work work) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      work.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
