package ai.honeyhive.internal.capture;

import static ai.honeyhive.internal.capture.CaptureTestSupport.capture;
import static ai.honeyhive.internal.capture.CaptureTestSupport.defaults;
import static ai.honeyhive.internal.capture.CaptureTestSupport.withSerializer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cycles are cut and whatever user code throws is recorded in place of the value. */
class CyclesAndFailuresTest {
  private final SafeValueCapture capture = defaults();

  public static final class Node {
    private final String name;
    private Node next;

    Node(String name) {
      this.name = name;
    }

    public String getName() {
      return name;
    }

    public Node getNext() {
      return next;
    }
  }

  public static final class LazyEntity {
    public long getId() {
      return 7;
    }

    public List<String> getOrders() {
      throw new IllegalStateException("could not initialize proxy - no Session");
    }

    public String getEndless() {
      return getEndless();
    }
  }

  public static final class BadToString {
    @Override
    public String toString() {
      throw new UnsupportedOperationException("nope");
    }
  }

  public static final class Money {
    final long cents;

    Money(long cents) {
      this.cents = cents;
    }
  }

  @Test
  void aCyclicGraphIsCutAndMarked() {
    Node a = new Node("a");
    Node b = new Node("b");
    a.next = b;
    b.next = a;
    Object captured = capture(capture, a);
    assertThat(captured).isEqualTo(Map.of("name", "a", "next",
        Map.of("name", "b", "next", "[cycle: " + Node.class.getName() + "]")));
  }

  @Test
  void selfContainingCollectionsAreCut() {
    List<Object> list = new ArrayList<>();
    list.add("x");
    list.add(list);
    assertThat(capture(capture, list)).isEqualTo(List.of("x", "[cycle: java.util.ArrayList]"));
    Map<String, Object> map = new HashMap<>();
    map.put("self", map);
    assertThat(capture(capture, map)).isEqualTo(Map.of("self", "[cycle: java.util.HashMap]"));
  }

  @Test
  void aSharedObjectIsNotACycle() {
    Node shared = new Node("s");
    assertThat(capture(capture, List.of(shared, shared)))
        .isEqualTo(List.of(Map.of("name", "s"), Map.of("name", "s")).stream()
            .map(m -> {
              Map<String, Object> withNull = new HashMap<>(m);
              withNull.put("next", null);
              return withNull;
            }).toList());
  }

  @Test
  void aThrowingGetterIsRecordedAsAMarkerAndTheOtherPropertiesAreKept() {
    Object captured = capture(capture, new LazyEntity());
    assertThat(captured).isEqualTo(Map.of(
        "id", 7L,
        "orders", "[error: java.lang.IllegalStateException]",
        "endless", "[error: java.lang.StackOverflowError]"));
  }

  @Test
  void aFailingToStringIsRecordedAsAMarker() {
    assertThat(capture(capture, new BadToString())).isEqualTo("[error: java.lang.UnsupportedOperationException]");
  }

  @Test
  void aCollectionThatFailsWhileIteratedKeepsWhatWasRead() {
    AbstractCollection<String> flaky = new AbstractCollection<>() {
      @Override
      public Iterator<String> iterator() {
        return new Iterator<>() {
          int i;

          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public String next() {
            if (i == 2) {
              throw new java.util.ConcurrentModificationException();
            }
            return "e" + i++;
          }
        };
      }

      @Override
      public int size() {
        return 5;
      }
    };
    assertThat(capture(capture, flaky))
        .isEqualTo(List.of("e0", "e1", "[error: java.util.ConcurrentModificationException]"));
  }

  @Test
  void aUserSerializerDecidesHowItsTypeIsCaptured() {
    SafeValueCapture custom = withSerializer(Money.class, m -> Map.of("amount", m.cents / 100.0, "token", "t"));
    assertThat(capture(custom, List.of(new Money(1250))))
        .isEqualTo(List.of(Map.of("amount", 12.5, "token", "[redacted]")));
  }

  @Test
  void aThrowingUserSerializerIsRecordedAsAMarker() {
    SafeValueCapture custom = withSerializer(Money.class, m -> {
      throw new IllegalArgumentException("bad money");
    });
    assertThat(capture(custom, new Money(1))).isEqualTo("[error: java.lang.IllegalArgumentException]");
  }

  @Test
  void aSerializerForASupertypeAppliesToSubtypes() {
    SafeValueCapture custom = withSerializer(CharSequence.class, cs -> "len=" + cs.length());
    assertThat(capture(custom, new StringBuilder("abc"))).isEqualTo("len=3");
  }
}
