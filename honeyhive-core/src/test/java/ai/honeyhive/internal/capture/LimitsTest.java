package ai.honeyhive.internal.capture;

import static ai.honeyhive.internal.capture.CaptureTestSupport.captureIn;
import static ai.honeyhive.internal.capture.CaptureTestSupport.defaults;
import static ai.honeyhive.internal.capture.CaptureTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.TracerSettings;
import ai.honeyhive.config.ConfigSources;
import ai.honeyhive.internal.capture.CaptureTestSupport.Captured;
import java.lang.management.ManagementFactory;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Strings, collections, depth and the per-event budget are cut at their limits, and marked. */
class LimitsTest {
  private final SafeValueCapture capture = defaults();

  @Test
  void aLongStringIsCutAtTheLimitAndMarked() {
    String s = "x".repeat(TracerSettings.DEFAULT_MAX_STRING_LENGTH + 10);
    Captured c = captureIn(capture, "text", s);
    assertThat((String) c.value())
        .startsWith("x".repeat(TracerSettings.DEFAULT_MAX_STRING_LENGTH))
        .endsWith("…[truncated: " + s.length() + " chars]")
        .hasSize(TracerSettings.DEFAULT_MAX_STRING_LENGTH + ("…[truncated: " + s.length() + " chars]").length());
    assertThat(c.truncations()).isEqualTo(1);
  }

  @Test
  void aStringAtTheLimitIsKeptWhole() {
    String s = "y".repeat(TracerSettings.DEFAULT_MAX_STRING_LENGTH);
    Captured c = captureIn(capture, "text", s);
    assertThat(c.value()).isSameAs(s);
    assertThat(c.truncations()).isZero();
  }

  @Test
  void aTenMegabyteStringCostsAboutWhatAStringAtTheLimitCosts() {
    String huge = "z".repeat(10 * 1024 * 1024);
    String atLimit = "z".repeat(TracerSettings.DEFAULT_MAX_STRING_LENGTH);
    for (int i = 0; i < 20; i++) { // warm up class loading and JIT, which allocate too
      captureIn(capture, "s", huge);
      captureIn(capture, "s", atLimit + "!");
    }
    long hugeBytes = minAllocated(() -> captureIn(capture, "s", huge));
    long limitBytes = minAllocated(() -> captureIn(capture, "s", atLimit + "!"));
    // the kept prefix is copied once: about 2 bytes per kept char, not 2 per char of the input
    assertThat(hugeBytes).isLessThan(4L * TracerSettings.DEFAULT_MAX_STRING_LENGTH + 16_384);
    assertThat(hugeBytes).isLessThan(2 * limitBytes + 16_384);
  }

  @Test
  void aMillionElementListStopsAtTheElementLimit() {
    AtomicInteger reads = new AtomicInteger();
    List<Integer> million = new AbstractList<>() {
      @Override
      public Integer get(int index) {
        reads.incrementAndGet();
        return index;
      }

      @Override
      public int size() {
        return 1_000_000;
      }
    };
    Captured c = captureIn(capture, "list", million);
    List<?> list = (List<?>) c.value();
    int max = TracerSettings.DEFAULT_MAX_COLLECTION_SIZE;
    assertThat(list).hasSize(max + 1);
    assertThat(list.get(max - 1)).isEqualTo(max - 1);
    assertThat(list.get(max)).isEqualTo("[truncated: " + (1_000_000 - max) + " more]");
    assertThat(reads.get()).as("elements read").isLessThanOrEqualTo(max);
    assertThat(c.truncations()).isEqualTo(1);
  }

  @Test
  void aBigMapAndALongArrayAreCutToo() {
    Map<String, Integer> big = new LinkedHashMap<>();
    for (int i = 0; i < 5_000; i++) {
      big.put("k" + i, i);
    }
    SafeValueCapture small = with(b -> b.maxCollectionSize(3));
    assertThat(captureIn(small, "m", big).value())
        .isEqualTo(linked("k0", 0, "k1", 1, "k2", 2, "[truncated]", "[truncated: 4997 more]"));
    assertThat(captureIn(small, "a", new long[10]).value())
        .isEqualTo(List.of(0L, 0L, 0L, "[truncated: 7 more]"));
  }

  @Test
  void aHundredLevelStructureIsCutAtTheDepthLimit() {
    Map<String, Object> root = new HashMap<>();
    Map<String, Object> current = root;
    for (int i = 0; i < 100; i++) {
      Map<String, Object> next = new HashMap<>();
      current.put("child", next);
      current = next;
    }
    Captured c = captureIn(capture, "deep", root);
    Object node = c.value();
    int levels = 0;
    while (node instanceof Map<?, ?> m) {
      node = m.get("child");
      levels++;
    }
    assertThat(levels).isEqualTo(TracerSettings.DEFAULT_MAX_DEPTH);
    assertThat(node).isEqualTo("[max depth: java.util.HashMap]");
    assertThat(c.truncations()).isEqualTo(1);
  }

  @Test
  void theEventBudgetStopsManyLargeValues() {
    List<String> pages = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      pages.add(String.valueOf((char) ('a' + i % 26)).repeat(30_000));
    }
    Captured c = captureIn(capture, "pages", pages);
    List<?> list = (List<?>) c.value();
    long kept = list.stream().mapToLong(o -> o.toString().length()).sum();
    assertThat(kept).isLessThanOrEqualTo(TracerSettings.DEFAULT_MAX_EVENT_BYTES + 1_000);
    assertThat(list.get(list.size() - 1)).asString().startsWith("[truncated");
    assertThat(c.truncations()).isPositive();
  }

  @Test
  void aCharSequenceIsCopiedOnlyAsFarAsKept() {
    AtomicInteger charsRead = new AtomicInteger();
    CharSequence endless = new CharSequence() {
      @Override
      public int length() {
        return Integer.MAX_VALUE;
      }

      @Override
      public char charAt(int index) {
        charsRead.incrementAndGet();
        return 'q';
      }

      @Override
      public CharSequence subSequence(int start, int end) {
        return new StringBuilder().append("q".repeat(end - start));
      }

      @Override
      public String toString() {
        throw new AssertionError("the whole sequence must not be copied");
      }
    };
    Object captured = captureIn(capture, "s", endless).value();
    assertThat((String) captured).startsWith("qqq").contains("…[truncated: " + Integer.MAX_VALUE + " chars]");
    assertThat(charsRead.get()).isLessThan(10);
  }

  @Test
  void cuttingNeverSplitsASurrogatePairAndLoneSurrogatesAreReplaced() {
    SafeValueCapture small = with(b -> b.maxStringLength(16));
    String emoji = "😀"; // two chars
    String s = "a".repeat(15) + emoji + "tail";
    assertThat((String) captureIn(small, "s", s).value()).startsWith("a".repeat(15) + "…");
    assertThat(captureIn(small, "s", "a\uD800b").value()).isEqualTo("a\uFFFDb");
    assertThat(captureIn(small, "s", "\uDC00").value()).isEqualTo("\uFFFD");
    assertThat(captureIn(small, "s", emoji).value()).isEqualTo(emoji);
  }

  @Test
  void limitsComeFromTheConfiguration() {
    TracerSettings c = TracerSettings.builder(ConfigSources.of(
        Map.of("HH_MAX_STRING_LENGTH", "100", "HH_MAX_COLLECTION_SIZE", "5", "HH_MAX_DEPTH", "3",
            "HH_MAX_EVENT_BYTES", "10000"),
        Map.of())).build();
    SafeValueCapture fromEnv = new SafeValueCapture(c);
    assertThat(fromEnv.maxStringLength).isEqualTo(100);
    assertThat(fromEnv.maxCollectionSize).isEqualTo(5);
    assertThat(fromEnv.maxDepth).isEqualTo(3);
    assertThat(fromEnv.maxEventBytes).isEqualTo(10_000);
  }

  private static Map<String, Object> linked(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static long minAllocated(Runnable r) {
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long min = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long before = bean.getThreadAllocatedBytes(id);
      r.run();
      min = Math.min(min, bean.getThreadAllocatedBytes(id) - before);
    }
    return min;
  }
}
