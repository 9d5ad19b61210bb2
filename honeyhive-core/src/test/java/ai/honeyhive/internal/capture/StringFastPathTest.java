package ai.honeyhive.internal.capture;

import static ai.honeyhive.internal.capture.CaptureTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.internal.CaptureBudget;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A string is captured without a graph walk when it fits; what it records and what it spends of
 * the event's budget must be exactly what the walk would have recorded and spent.
 */
class StringFastPathTest {
  private final SafeValueCapture capture = with(b -> b.maxStringLength(16).maxEventBytes(4096));

  /** What the walk records for {@code value} under {@code name}, and the budget it leaves. */
  private Object[] viaWalk(String name, String value, long budgetBytes) {
    CaptureBudget budget = new CaptureBudget(budgetBytes);
    long key = name == null ? 0 : name.length() + 4L;
    GraphWalk walk = new GraphWalk(capture, budget.remaining() - key);
    Object captured = walk.capture(name, value);
    budget.record(key + walk.spent(), walk.truncations());
    return new Object[] {captured, budget.remaining(), budget.truncations()};
  }

  private Object[] viaCapture(String name, String value, long budgetBytes) {
    CaptureBudget budget = new CaptureBudget(budgetBytes);
    Object captured = capture.capture(name, value, budget);
    return new Object[] {captured, budget.remaining(), budget.truncations()};
  }

  @Test
  void recordsAndSpendsWhatTheWalkWould() {
    List<String> values = List.of("", "short", "exactly sixteen!", "seventeen chars!!", "lone \uD800 high",
        "pair \uD83D\uDE00 ok", "[redacted]");
    for (String name : new String[] {"query", null, "api_key"}) {
      for (String v : values) {
        for (long budget : new long[] {4096, 30, 12, 0}) {
          assertThat(viaCapture(name, v, budget))
              .as("%s=%s within %d", name, v, budget)
              .containsExactly(viaWalk(name, v, budget));
        }
      }
    }
  }
}
