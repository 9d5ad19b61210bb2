package ai.honeyhive.aspects;

import ai.honeyhive.annotations.Redact;
import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.annotations.TraceTool;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** Woven methods that take and return the values capture must survive. */
final class CaptureFixtures {
  private CaptureFixtures() {}

  /** A linked node; two of them can point at each other. */
  public static final class Node {
    private final String name;
    Node next;

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

  /** An entity whose lazy association fails outside its persistence session. */
  public static final class Order {
    public long getId() {
      return 42;
    }

    public List<String> getLines() {
      throw new IllegalStateException("failed to lazily initialize a collection: no Session");
    }
  }

  /** A stream that must never be read by the tracer. */
  static final class TrapStream extends InputStream {
    volatile boolean touched;

    @Override
    public int read() {
      touched = true;
      return -1;
    }

    @Override
    public int available() {
      touched = true;
      return 0;
    }
  }

  static final class Service {
    @TraceTool
    String follow(Node head) {
      return head.getNext().getName();
    }

    @TraceTool
    long load(Order order) {
      return order.getId();
    }

    @TraceTool
    int count(List<Integer> items) {
      return items.size();
    }

    @TraceTool
    String nested(Map<String, Object> root) {
      return "ok";
    }

    @TraceTool
    int length(String text) {
      return text.length();
    }

    @TraceTool
    String echoHuge(String text) {
      return text;
    }

    @TraceTool
    String upload(InputStream in) {
      return "stored";
    }

    @TraceTool
    String login(Map<String, String> form) {
      return "welcome " + form.get("user");
    }

    @TraceTool
    String charge(String customer, @Redact String cardNumber, int cents) {
      return "charged " + cardNumber.length();
    }

    @TraceTool
    String connect(String apiKey, String url) {
      return "connected";
    }

    @TraceChain
    List<String> appendInside(List<String> items) {
      items.add("added inside");
      return items;
    }

    @TraceTool
    Map<String, Object> profile(String email) {
      return Map.of("email", email, "session_token", "tok-1", "visits", 3);
    }

    @TraceTool
    Object identity(Object value) {
      return value;
    }
  }
}
