package ai.honeyhive.aspects;

import static ai.honeyhive.aspects.TracingTestSupport.assertConsistentTree;
import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.internal.ConfiguredMethods;
import ai.honeyhive.internal.TraceContext;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A recursive traced method whose levels run with tracing on and off in turn: each level's exit
 * ends only the event that level started, never an outer level's event of the same method.
 */
class ToggledRecursionTest {
  private InMemoryExporter exporter;

  @BeforeAll
  static void register() {
    ConfiguredMethods.register(RecursionFixtures.ConfiguredAspect.class.getName(), EventType.TOOL, "configured_level");
  }

  @BeforeEach
  void install() {
    exporter = TracingTestSupport.installInMemoryTracer();
  }

  @AfterEach
  void nothingLeftOpen() {
    HoneyHive.tracer().setEnabled(true);
    assertThat(TraceContext.current()).isNull();
  }

  private static Map<String, Object> outputs(String result) {
    return Map.of("result", result);
  }

  @Test
  void anUntracedInnerLevelDoesNotEndTheOuterLevelsEvent() {
    // level 2 traced, level 1 not, level 0 traced again
    String out = new RecursionFixtures.Annotated().level(2, n -> n != 1);

    assertThat(out).isEqualTo("level2(level1(leaf))");
    assertThat(exporter.batches()).hasSize(1);
    BatchRequest batch = exporter.batches().get(0);
    assertConsistentTree(batch);
    List<Event> events = batch.events();
    assertThat(events).hasSize(2);
    Event outer = events.stream().filter(e -> e.inputs().get("n").equals(2)).findFirst().orElseThrow();
    Event leaf = events.stream().filter(e -> e.inputs().get("n").equals(0)).findFirst().orElseThrow();
    assertThat(outer.outputs()).as("the outer level's own result").isEqualTo(outputs("level2(level1(leaf))"));
    assertThat(leaf.outputs()).isEqualTo(outputs("leaf"));
    assertThat(leaf.parentId()).isEqualTo(outer.eventId());
  }

  @Test
  void untracedLevelsBetweenTracedOnesAtEveryOtherDepth() {
    String out = new RecursionFixtures.Annotated().level(5, n -> n % 2 == 1);

    assertThat(out).isEqualTo("level5(level4(level3(level2(level1(leaf)))))");
    assertThat(exporter.batches()).hasSize(1);
    BatchRequest batch = exporter.batches().get(0);
    assertConsistentTree(batch);
    assertThat(batch.events()).extracting(e -> e.inputs().get("n")).containsExactlyInAnyOrder(5, 3, 1);
    for (Event e : batch.events()) {
      int n = (Integer) e.inputs().get("n");
      String expected = switch (n) {
        case 5 -> "level5(level4(level3(level2(level1(leaf)))))";
        case 3 -> "level3(level2(level1(leaf)))";
        default -> "level1(leaf)";
      };
      assertThat(e.outputs()).as("outputs of level %s", n).isEqualTo(outputs(expected));
    }
  }

  @Test
  void anUntracedInnerLevelThatThrowsDoesNotRecordItsErrorOnTheOuterLevel() {
    // level 1 runs untraced and throws; level 2 (traced) recovers and returns normally
    String out = new RecursionFixtures.Annotated().recovering(2, 1, n -> n != 1);

    assertThat(out).isEqualTo("level2(recovered)");
    assertThat(exporter.batches()).hasSize(1);
    List<Event> events = exporter.batches().get(0).events();
    assertThat(events).hasSize(1);
    assertThat(events.get(0).error()).isNull();
    assertThat(events.get(0).outputs()).isEqualTo(outputs("level2(recovered)"));
  }

  @Test
  void aTracedLevelInsideAnUntracedOneEndsOnlyItsOwnEvent() {
    // level 3 untraced at the top; 2 traced; 1 untraced; 0 traced
    HoneyHive.tracer().setEnabled(false);
    String out;
    try {
      out = new RecursionFixtures.Annotated().level(3, n -> n % 2 == 0);
    } finally {
      HoneyHive.tracer().setEnabled(true);
    }

    assertThat(out).isEqualTo("level3(level2(level1(leaf)))");
    assertThat(exporter.batches()).hasSize(1);
    List<Event> events = exporter.batches().get(0).events();
    assertThat(events).extracting(e -> e.inputs().get("n")).containsExactlyInAnyOrder(2, 0);
    Event two = events.stream().filter(e -> e.inputs().get("n").equals(2)).findFirst().orElseThrow();
    assertThat(two.outputs()).isEqualTo(outputs("level2(level1(leaf))"));
  }

  @Test
  void theConfiguredAspectEndsOnlyTheEventItsOwnCallStarted() {
    String out = new RecursionFixtures.Unannotated().level(2, n -> n != 1);

    assertThat(out).isEqualTo("level2(level1(leaf))");
    assertThat(exporter.batches()).hasSize(1);
    List<Event> events = exporter.batches().get(0).events();
    assertThat(events).hasSize(2);
    Event outer = events.stream().filter(e -> e.inputs().get("n").equals(2)).findFirst().orElseThrow();
    assertThat(outer.eventName()).isEqualTo("configured_level");
    assertThat(outer.outputs()).isEqualTo(outputs("level2(level1(leaf))"));
  }

  @Test
  void wovenCallsMadeWithTracingOffInsideAnOpenTraceAllocateNothing() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    org.junit.jupiter.api.Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs HotSpot's ThreadMXBean");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
    org.junit.jupiter.api.Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counting unsupported");
    threads.setThreadAllocatedMemoryEnabled(true);
    long tid = Thread.currentThread().getId();
    AsyncFixtures.Sampled sampled = new AsyncFixtures.Sampled();
    long[] measured = new long[1];
    long[] sink = new long[1];
    RecursionFixtures.Identity identity = new RecursionFixtures.Identity();
    String arg = "x";

    // the traced call is open on this thread while tracing is off: every woven call inside is
    // entered "in a trace" and must still cost no allocation. (It returns a reference: the exit
    // advice, which runs whenever the thread is in a trace, boxes a primitive return value.)
    sampled.runs(() -> {
      HoneyHive.tracer().setEnabled(false);
      int calls = 200_000;
      for (int i = 0; i < calls; i++) {
        sink[0] += identity.same(arg).length();   // warm up
      }
      long before = threads.getThreadAllocatedBytes(tid);
      for (int i = 0; i < calls; i++) {
        sink[0] += identity.same(arg).length();
      }
      long after = threads.getThreadAllocatedBytes(tid);
      long overhead = threads.getThreadAllocatedBytes(tid) - after;
      measured[0] = after - before - overhead;
      HoneyHive.tracer().setEnabled(true);
    });

    assertThat(sink[0]).isNotZero();
    assertThat(measured[0]).as("bytes allocated by 200,000 untraced woven calls inside a trace").isLessThan(20_000);
    assertThat(exporter.batches()).hasSize(1);
    assertThat(exporter.batches().get(0).events()).extracting(Event::eventName).containsExactly("runs");
    assertThat(exporter.batches().get(0).events().get(0).outputs()).isEqualTo(outputs("ran"));
  }
}
