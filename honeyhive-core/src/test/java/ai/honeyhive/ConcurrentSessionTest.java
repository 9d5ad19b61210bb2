package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.internal.JsonSize;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.SessionProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many threads working in one session at once: starting children under a shared parent,
 * enriching each other's spans while those end, spending one event's byte budget together. The
 * session's lock guards its events' values and counts their ends, and an event's budget is shared
 * from the moment it is published: a mistake in either loses or duplicates events, loses values
 * set before an end, lets values set after it through, or miscounts what was cut.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrentSessionTest {
  private static final int THREADS = 8;
  private static final String TRUNCATED = "honeyhive_truncated";

  private final InMemoryExporter exporter = new InMemoryExporter();
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
  private Tracer tracer;

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
    if (tracer != null) {
      tracer.shutdown(Duration.ofSeconds(5));
    }
  }

  // ---- one session, eight threads, spans ending while the others enrich them

  private static final int SESSIONS = 200;
  private static final int CHILDREN = 4;   // per thread and session
  private static final int PASSES = 2;     // over the other threads' spans, per child
  private static final int GRANDCHILDREN = 3;   // per child: short calls, whose ends the session counts

  private static final int METADATA = 0;
  private static final int INPUT = 1;
  private static final int OUTPUT = 2;
  private static final int TOKENS = 3;

  /** Where a value set by another thread stood against the end of the span it was set on. */
  private enum When { BEFORE_END, RACING_END, AFTER_END }

  /** One setter call made on another thread's span: {@code value} under {@code key} (for TOKENS, completion tokens). */
  private record Attempt(int kind, String key, long by, long value, When when) {}

  /** A child span, how far its owner got through ending it, and what other threads set on it. */
  private static final class Tracked {
    final Span span;
    final int owner;
    final int index;
    volatile boolean ending;
    volatile boolean ended;
    final List<String> grandchildIds = new ArrayList<>();
    final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();

    Tracked(Span span, int owner, int index) {
      this.span = span;
      this.owner = owner;
      this.index = index;
    }
  }

  /** One session of the run, as the threads saw it. */
  private record Run(String sessionId, String sessionName, String parentId, Queue<Tracked> children) {}

  @Test
  void threadsWorkingInOneSessionExportEveryEventOnceWithEveryValueSetBeforeItsEndAndNoneAfter() throws Exception {
    tracer = TestTracers.synchronous(exporter);
    ExecutorService wrapped = HoneyHive.taskWrapping(pool);
    List<Run> runs = new ArrayList<>();
    for (int s = 0; s < SESSIONS; s++) {
      AtomicReferenceArray<Tracked> open = new AtomicReferenceArray<>(THREADS);
      Queue<Tracked> children = new ConcurrentLinkedQueue<>();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Void>> done = new ArrayList<>();
      try (Session session = tracer.startCurrentSession("session " + s)) {
        Span parent = tracer.startSpan(SpanKind.CHAIN, "parent");
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          Callable<Void> work = () -> {
            go.await();
            workInSession(thread, parent, open, children);
            return null;
          };
          // half the sessions reach the pool threads through a context made current there, half
          // through the wrapped executor (which also holds the session until the task has run)
          done.add(s % 2 == 0 ? pool.submit(Context.current().wrap(work)) : wrapped.submit(work));
        }
        go.countDown();
        for (Future<Void> f : done) {
          f.get(30, TimeUnit.SECONDS);
        }
        parent.end();
        runs.add(new Run(session.sessionId(), "session " + s, parent.spanId(), children));
      }
    }

    assertThat(tracer.internalErrorCount()).as("internal errors").isZero();
    List<BatchRequest> batches = exporter.batches();
    Map<String, Event> byId = new HashMap<>();
    Map<String, SessionProperties> announced = new HashMap<>();
    for (BatchRequest b : batches) {
      if (b.sessionProperties().announces()) {
        assertThat(announced.put(b.sessionProperties().sessionId(), b.sessionProperties()))
            .as("session %s announced once", b.sessionProperties().sessionName()).isNull();
      }
      for (Event e : b.events()) {
        assertThat(byId.put(e.eventId(), e)).as("%s exported once", e.eventName()).isNull();
      }
    }
    Set<String> expected = new HashSet<>();
    for (Run run : runs) {
      expected.add(run.parentId());
      for (Tracked c : run.children()) {
        expected.add(c.span.spanId());
        expected.addAll(c.grandchildIds);
      }
    }
    assertThat(byId.keySet()).as("ids of the events exported").isEqualTo(expected);
    assertThat(expected).hasSize(SESSIONS * (1 + THREADS * CHILDREN * (1 + GRANDCHILDREN)));

    for (Run run : runs) {
      SessionProperties session = announced.get(run.sessionId());
      assertThat(session).as("announcement of %s", run.sessionName()).isNotNull();
      assertThat(session.sessionName()).isEqualTo(run.sessionName());
      Event parent = byId.get(run.parentId());
      assertThat(parent.parentId()).isEqualTo(run.sessionId());
      assertThat(parent.childrenIds()).as("children of the parent of %s", run.sessionName())
          .containsExactlyInAnyOrderElementsOf(run.children().stream().map(c -> c.span.spanId()).toList());
      for (int t = 0; t < THREADS; t++) {
        for (int j = 0; j < CHILDREN; j++) {
          String key = "t" + t + "." + j;
          assertThat(parent.metadata()).as("parent's metadata set by thread %d", t).containsKey(key);
          assertThat(session.metadata()).as("session's metadata set by thread %d", t).containsKey(key);
        }
      }
      for (Tracked c : run.children()) {
        assertChild(c, byId.get(c.span.spanId()), c.grandchildIds.stream().map(byId::get).toList(), run);
      }
    }
  }

  private static final int STORM_SESSIONS = 20;
  private static final int CALLS_PER_THREAD = 500;   // 4,000 children ids: within the event size limit

  @Test
  void shortCallsEndingOnManyThreadsAtOnceCompleteTheirSessionOnceWithEveryCallUnderItsParent() throws Exception {
    tracer = TestTracers.synchronous(exporter);
    for (int s = 0; s < STORM_SESSIONS; s++) {
      exporter.reset();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<String>>> done = new ArrayList<>();
      List<String> calls = new ArrayList<>();
      String parentId;
      String sessionId;
      try (Session session = tracer.startCurrentSession("storm " + s)) {
        sessionId = session.sessionId();
        Span parent = tracer.startSpan(SpanKind.CHAIN, "parent");
        parentId = parent.spanId();
        for (int t = 0; t < THREADS; t++) {
          done.add(pool.submit(Context.current().wrap(() -> {
            go.await();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < CALLS_PER_THREAD; i++) {   // each end counted in the session, on eight threads at once
              ids.add(tracer.trace(SpanKind.TOOL, "call", Map.of(), call -> call.spanId()));
            }
            return ids;
          })));
        }
        go.countDown();
        for (Future<List<String>> f : done) {
          calls.addAll(f.get(30, TimeUnit.SECONDS));
        }
        parent.end();
      }

      List<BatchRequest> pieces = exporter.batches();
      Map<String, Event> byId = new HashMap<>();
      for (BatchRequest b : pieces) {
        for (Event e : b.events()) {
          assertThat(byId.put(e.eventId(), e)).as("session %d: %s exported once", s, e.eventName()).isNull();
        }
      }
      assertThat(pieces.stream().filter(b -> b.sessionProperties().announces())).as("session %d announced", s).hasSize(1);
      assertThat(byId.keySet()).as("session %d: events exported", s)
          .hasSize(THREADS * CALLS_PER_THREAD + 1).containsAll(calls).contains(parentId);
      List<String> children = byId.get(parentId).childrenIds();
      assertThat(children).as("session %d: children of the parent", s).hasSameSizeAs(calls);
      assertThat(new HashSet<>(children)).as("session %d: children of the parent", s).isEqualTo(new HashSet<>(calls));
      assertThat(byId.values()).allSatisfy(e -> assertThat(e.sessionId()).isEqualTo(sessionId));
    }
    assertThat(tracer.internalErrorCount()).as("internal errors").isZero();
  }

  /**
   * What thread {@code t} does in a session: starts children of {@code parent}, each with a
   * few grandchildren, enriches the parent, the session and the other threads' latest children (open,
   * ending or ended) while its own is open, then ends its own.
   */
  private void workInSession(int t, Span parent, AtomicReferenceArray<Tracked> open, Queue<Tracked> children) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int seq = 0;
    for (int j = 0; j < CHILDREN; j++) {
      Span child = tracer.startSpan(SpanKind.TOOL, "child " + t + "." + j);
      Tracked mine = new Tracked(child, t, j);
      child.setInput("owner", t).setMetadata("index", j);
      for (int g = 0; g < GRANDCHILDREN; g++) {
        mine.grandchildIds.add(tracer.trace(SpanKind.MODEL, "grandchild", Map.of("n", g), call -> call.spanId()));
      }
      parent.setMetadata("t" + t + "." + j, j);
      HoneyHive.currentSession().setMetadata("t" + t + "." + j, j);
      open.set(t, mine);
      for (int pass = 0; pass < PASSES; pass++) {
        for (int o = 1; o < THREADS; o++) {
          Tracked other = open.get((t + o) % THREADS);
          if (other != null) {
            enrich(other, t, seq++, random.nextInt(4));
          }
        }
      }
      mine.ending = true;
      child.end();
      mine.ended = true;   // left in its slot: the others go on setting values on it, which must not show
      children.add(mine);
    }
  }

  /**
   * Sets a value on another thread's span and notes where the call stood against its end: wholly
   * before it (the owner had not begun ending it when the call returned), wholly after it (the
   * owner's end had returned before the call began), or racing it.
   */
  private static void enrich(Tracked target, int by, int seq, int kind) {
    boolean endedBefore = target.ended;
    String key = "by" + by + "-" + seq;
    switch (kind) {
      case METADATA -> target.span.setMetadata(key, (long) seq);
      case INPUT -> target.span.setInput(key, (long) seq);
      case OUTPUT -> target.span.setOutput(Map.of("from", key));
      default -> target.span.setTokenUsage(by, seq);
    }
    When when = endedBefore ? When.AFTER_END : target.ending ? When.RACING_END : When.BEFORE_END;
    target.attempts.add(new Attempt(kind, key, by, seq, when));
  }

  private static void assertChild(Tracked c, Event e, List<Event> grandchildren, Run run) {
    String name = "child " + c.owner + "." + c.index + " of " + run.sessionName();
    assertThat(e.eventName()).isEqualTo("child " + c.owner + "." + c.index);
    assertThat(e.sessionId()).as("session of %s", name).isEqualTo(run.sessionId());
    assertThat(e.parentId()).as("parent of %s", name).isEqualTo(run.parentId());
    assertThat(e.childrenIds()).as("children of %s", name).containsExactlyInAnyOrderElementsOf(c.grandchildIds);
    for (Event g : grandchildren) {
      assertThat(g.parentId()).as("parent of a grandchild of %s", name).isEqualTo(e.eventId());
      assertThat(g.sessionId()).isEqualTo(run.sessionId());
    }
    assertThat(e.inputs()).as("inputs of %s", name).containsEntry("owner", c.owner);
    assertThat(e.metadata()).as("metadata of %s", name).containsEntry("index", c.index)
        .doesNotContainKey("honeyhive_incomplete").doesNotContainKey(TRUNCATED);

    Set<String> outputsAllowed = new HashSet<>();
    Set<Long> completionAllowed = new HashSet<>();
    Set<Long> promptAllowed = new HashSet<>();
    boolean outputBefore = false;
    boolean tokensBefore = false;
    for (Attempt a : c.attempts) {
      switch (a.kind()) {
        case METADATA -> assertRecorded(e.metadata(), a, name);
        case INPUT -> assertRecorded(e.inputs(), a, name);
        case OUTPUT -> {
          if (a.when() != When.AFTER_END) {
            outputsAllowed.add(a.key());
          }
          outputBefore |= a.when() == When.BEFORE_END;
        }
        default -> {
          if (a.when() != When.AFTER_END) {
            completionAllowed.add(a.value());
            promptAllowed.add(a.by());
          }
          tokensBefore |= a.when() == When.BEFORE_END;
        }
      }
    }
    Object from = e.outputs() == null ? null : e.outputs().get("from");
    if (outputBefore) {
      assertThat(from).as("outputs of %s, set before its end", name).isNotNull();
    }
    if (from != null) {
      assertThat(outputsAllowed).as("outputs of %s: set before or while it ended", name).contains((String) from);
    } else {
      assertThat(e.outputs() == null ? Map.of() : e.outputs()).as("outputs of %s", name).isEmpty();
    }
    Object completion = e.metadata().get(Span.COMPLETION_TOKENS);
    Object prompt = e.metadata().get(Span.PROMPT_TOKENS);
    if (tokensBefore) {
      assertThat(completion).as("token usage of %s, set before its end", name).isNotNull();
      assertThat(prompt).as("token usage of %s, set before its end", name).isNotNull();
    }
    if (completion != null) {
      assertThat(completionAllowed).as("completion tokens of %s: set before or while it ended", name)
          .contains(((Number) completion).longValue());
    }
    if (prompt != null) {
      assertThat(promptAllowed).as("prompt tokens of %s: set before or while it ended", name)
          .contains(((Number) prompt).longValue());
    }
    if (completionAllowed.isEmpty()) {
      assertThat(e.metadata()).as("metadata of %s: token usage set only after its end", name)
          .doesNotContainKeys(Span.PROMPT_TOKENS, Span.COMPLETION_TOKENS, Span.TOTAL_TOKENS);
    }
  }

  private static void assertRecorded(Map<String, Object> section, Attempt a, String name) {
    Object v = section == null ? null : section.get(a.key());
    switch (a.when()) {
      case BEFORE_END -> assertThat(v).as("%s set on %s before its end", a.key(), name).isNotNull();
      case AFTER_END -> assertThat(v).as("%s set on %s after its end", a.key(), name).isNull();
      default -> { }
    }
    if (v != null) {
      assertThat(((Number) v).longValue()).as("%s of %s", a.key(), name).isEqualTo(a.value());
    }
  }

  // ---- one event's byte budget spent from many threads at once

  private static final int BUDGET_ROUNDS = 40;
  private static final int VALUES_PER_THREAD = 40;
  private static final int MAX_EVENT_BYTES = 16_384;
  private static final Pattern OVER_LIMIT_MARKER =
      Pattern.compile("\\[truncated: \\d+ bytes, over the event size limit]");

  /** One value a thread recorded: {@code value} under {@code key} in a section (0 metadata, 1 inputs, 2 metrics). */
  private record Recorded(int section, String key, Object value) {}

  @Test
  void valuesRecordedOntoOneSpanFromManyThreadsPastItsByteLimitStayWithinItAndEveryCutIsCounted() throws Exception {
    tracer = Tracer.builder().config(TestTracers.config())
        .settings(TestTracers.settings().toBuilder().maxEventBytes(MAX_EVENT_BYTES).build())
        .synchronousExporter(exporter).build();
    for (int round = 0; round < BUDGET_ROUNDS; round++) {
      Span span = tracer.startSpan(SpanKind.CHAIN, "budget " + round);
      Queue<Recorded> recorded = new ConcurrentLinkedQueue<>();
      onAllThreadsAtOnce(thread -> recordMany(span, thread, recorded));
      span.end();

      List<Event> exported = exporter.events().stream().filter(e -> e.eventId().equals(span.spanId())).toList();
      assertThat(exported).as("round %d exported once", round).hasSize(1);
      assertWithinLimitAndCounted(exported.get(0), recorded, round);
    }
    assertThat(tracer.internalErrorCount()).as("internal errors").isZero();
  }

  /** Runs {@code work} on each of the pool's threads, released together, and waits for all of them. */
  private void onAllThreadsAtOnce(java.util.function.IntConsumer work) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Void>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        go.await();
        work.accept(thread);
        return null;
      }));
    }
    go.countDown();
    for (Future<Void> f : done) {
      f.get(30, TimeUnit.SECONDS);
    }
  }

  private static final int CUT_ROUNDS = 20;
  private static final int CUTS_PER_THREAD = 500;

  @Test
  void textsCutToTheStringLimitOnManyThreadsAtOnceAreEachCountedOnce() throws Exception {
    // every text is longer than the string limit, so every setter call counts one cut outside
    // the session's lock, on the span's shared budget; the byte budget is large enough for all
    tracer = Tracer.builder().config(TestTracers.config())
        .settings(TestTracers.settings().toBuilder().maxStringLength(16).maxEventBytes(4_000_000).build())
        .synchronousExporter(exporter).build();
    String text = "a sentence longer than sixteen characters";
    for (int round = 0; round < CUT_ROUNDS; round++) {
      Span span = tracer.startSpan(SpanKind.CHAIN, "cuts " + round);
      onAllThreadsAtOnce(thread -> {
        for (int i = 0; i < CUTS_PER_THREAD; i++) {
          span.setMetadata("t" + thread + "-" + i, text);
        }
      });
      span.end();

      List<Event> exported = exporter.events().stream().filter(e -> e.eventId().equals(span.spanId())).toList();
      assertThat(exported).as("round %d exported once", round).hasSize(1);
      Map<String, Object> metadata = exported.get(0).metadata();
      assertThat(metadata).as("round %d: every value kept, cut", round).hasSize(THREADS * CUTS_PER_THREAD + 1);
      assertThat(metadata.get("t7-499")).asString().startsWith("a sentence").endsWith("[truncated: 41 chars]");
      assertThat(metadata.get(TRUNCATED)).as("round %d: cuts counted", round).isEqualTo(THREADS * CUTS_PER_THREAD);
    }
    assertThat(tracer.internalErrorCount()).as("internal errors").isZero();
  }

  /** Thread {@code t}'s values: long texts of varied lengths (most cut or left out) and a few numbers. */
  private static void recordMany(Span span, int t, Queue<Recorded> recorded) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < VALUES_PER_THREAD; i++) {
      String key = "t" + t + "-" + i;
      if (i % 5 == 4) {
        span.setMetric(key, i);
        recorded.add(new Recorded(2, key, i));
        continue;
      }
      String text = ("thread " + t + " value " + i + ". ").repeat(100).substring(0, random.nextInt(200, 1_500));
      if (i % 2 == 0) {
        span.setMetadata(key, text);
        recorded.add(new Recorded(0, key, text));
      } else {
        span.setInput(key, text);
        recorded.add(new Recorded(1, key, text));
      }
    }
  }

  /**
   * The event fits its byte limit, and {@code honeyhive_truncated} counts every value not sent
   * whole: a value left out counts once (twice if it was first cut and then dropped for the
   * size limit), a text cut to fit once, a value replaced by the size limit's marker once (twice
   * if it had been cut first).
   */
  private static void assertWithinLimitAndCounted(Event e, Queue<Recorded> recorded, int round) throws Exception {
    assertThat(JsonSize.of(e)).as("bytes of round %d", round).isLessThanOrEqualTo(MAX_EVENT_BYTES);
    long least = 0;
    long most = 0;
    int whole = 0;
    for (Recorded r : recorded) {
      Map<String, Object> section = r.section() == 0 ? e.metadata() : r.section() == 1 ? e.inputs() : e.metrics();
      Object v = section == null ? null : section.get(r.key());
      if (v == null) {
        least += 1;
        most += r.value() instanceof String ? 2 : 1;
      } else if (v.equals(r.value())) {
        whole++;
      } else if (v instanceof String s && OVER_LIMIT_MARKER.matcher(s).matches()) {
        least += 1;
        most += 2;
      } else if (v instanceof String s && r.value() instanceof String original
          && s.endsWith("…[truncated: " + original.length() + " chars]")
          && original.startsWith(s.substring(0, s.length() - ("…[truncated: " + original.length() + " chars]").length()))) {
        least += 1;
        most += 1;
      } else {
        fail("round %d: %s recorded as %s, neither whole, cut nor a marker", round, r.key(), v);
      }
    }
    Object count = e.metadata().get(TRUNCATED);
    assertThat(e.metadata()).as("round %d: not emptied as a last resort", round).doesNotContainKey("[truncated]");
    assertThat(whole).as("round %d: values kept whole", round).isPositive();
    assertThat(count).as("round %d: truncation count", round).isInstanceOf(Integer.class);
    assertThat((long) (Integer) count).as("round %d: truncation count (%d values, %d whole)", round, recorded.size(), whole)
        .isBetween(least, most);
  }
}
