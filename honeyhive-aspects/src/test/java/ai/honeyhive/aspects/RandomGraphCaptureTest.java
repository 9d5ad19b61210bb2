package ai.honeyhive.aspects;

import ai.honeyhive.SpanKind;
import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Tracer;
import ai.honeyhive.TracerSettings;
import ai.honeyhive.TracerSettingsBuilder;
import ai.honeyhive.internal.TraceContext;
import ai.honeyhive.internal.TracerRuntimes;
import ai.honeyhive.internal.capture.SafeValueCapture;
import ai.honeyhive.transport.export.EventExporter;
import ai.honeyhive.transport.internal.JsonMappers;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Throws 10,000 generated object graphs (cycles, deep nesting, mixed types, throwing getters,
 * huge strings and lists, resources) at woven calls and at the span API, under five sets of
 * limits. For every one: the traced call returns what it was given and throws nothing, every
 * event is valid UTF-8 JSON within its byte limit, and the library records no failure of its own.
 *
 * <p>The generator is seeded; a failure names the seed, and {@code -Dhoneyhive.capture.seed=N}
 * replays it.
 */
class RandomGraphCaptureTest {
  /** Graphs per set of limits; the defaults make the largest events, so they get fewest. */
  private static final int[] GRAPHS = {1_000, 2_250, 2_250, 2_250, 2_250};
  private static final String HUGE = "h".repeat(10 * 1024 * 1024);
  private static final String LARGE = "L\"\\\n😀é".repeat(50_000);
  private static final String[] KEYS = {
      "name", "password", "api_key", "Authorization", "max_tokens", "content", "x-api-key",
      "token_count", "cookie", "data", "", "😀", "\uD800", "a.b", "accessToken", "items"};

  private final Queue<String> failures = new ConcurrentLinkedQueue<>();
  private final CaptureFixtures.Service service = new CaptureFixtures.Service();

  enum Color { RED, GREEN }

  /** A node of a generated graph. */
  public static final class GNode {
    public String label;
    public List<Object> items = new ArrayList<>();
    public Map<Object, Object> attributes = new HashMap<>();
    public GNode parent;
    int failure;

    public Object getExplosive() {
      switch (failure) {
        case 1: throw new IllegalStateException("lazy load failed");
        case 2: throw new AssertionError("an Error from a getter");
        case 3: return getExplosive(); // recurses until the stack overflows
        case 4: throw sneaky(new java.io.IOException("checked, sneakily"));
        default: return "calm";
      }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
      throw (T) t;
    }
  }

  /** A getter that makes a new object every time: an endless graph without a cycle. */
  public static final class Fractal {
    public Fractal getNext() {
      return new Fractal();
    }

    public String getLevel() {
      return "again";
    }
  }

  record GRecord(String name, Object value, List<Object> more) {}

  /** Builds one random graph; containers are remembered to add cross and back edges later. */
  private static final class Generator {
    private final Random random;
    private final List<Object> containers = new ArrayList<>();
    private int budget;

    Generator(long seed) {
      this.random = new Random(seed);
    }

    Object graph() {
      containers.clear();
      budget = 20 + random.nextInt(300);
      Object root = value(0);
      int edges = random.nextInt(4);
      for (int i = 0; i < edges && containers.size() > 1; i++) {
        link(containers.get(random.nextInt(containers.size())), containers.get(random.nextInt(containers.size())));
      }
      return root;
    }

    @SuppressWarnings("unchecked")
    private void link(Object from, Object to) {
      if (from instanceof GNode n) {
        if (to instanceof GNode p) {
          n.parent = p;
        } else {
          n.items.add(to);
        }
      } else if (from instanceof List<?> l) {
        ((List<Object>) l).add(to);
      } else if (from instanceof Map<?, ?> m) {
        ((Map<Object, Object>) m).put("link" + random.nextInt(5), to);
      }
    }

    private Object value(int depth) {
      budget--;
      int roll = random.nextInt(100);
      if (budget <= 0 || depth > 60 || roll < 45) {
        return leaf();
      }
      if (roll < 60) {
        List<Object> list = new ArrayList<>();
        containers.add(list);
        int n = random.nextInt(random.nextInt(10) == 0 ? 60 : 6);
        for (int i = 0; i < n; i++) {
          list.add(value(depth + 1));
        }
        return list;
      }
      if (roll < 75) {
        Map<Object, Object> map = random.nextBoolean() ? new HashMap<>() : new LinkedHashMap<>();
        containers.add(map);
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
          map.put(key(), value(depth + 1));
        }
        return map;
      }
      if (roll < 85) {
        GNode node = new GNode();
        containers.add(node);
        node.label = string();
        node.failure = random.nextInt(12) < 5 ? random.nextInt(5) : 0;
        if (node.failure == 3 && random.nextInt(100) != 0) {
          node.failure = 1; // a stack overflow takes milliseconds: keep them rare
        }
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          node.items.add(value(depth + 1));
        }
        node.attributes.put(key(), value(depth + 1));
        return node;
      }
      if (roll < 90) {
        return new GRecord(string(), value(depth + 1), java.util.Arrays.asList(leaf(), leaf()));
      }
      if (roll < 93) {
        Object[] array = new Object[random.nextInt(5)];
        for (int i = 0; i < array.length; i++) {
          array[i] = value(depth + 1);
        }
        return array;
      }
      if (roll < 95) {
        return Optional.ofNullable(random.nextBoolean() ? value(depth + 1) : null);
      }
      if (roll < 97) {
        return new Fractal();
      }
      return new AbstractList<Integer>() { // a million elements, made on demand
        @Override
        public Integer get(int index) {
          return index;
        }

        @Override
        public int size() {
          return 1_000_000;
        }
      };
    }

    private Object key() {
      int roll = random.nextInt(10);
      if (roll < 6) {
        return KEYS[random.nextInt(KEYS.length)];
      }
      if (roll < 8) {
        return string();
      }
      if (roll == 8) {
        return random.nextInt(100);
      }
      return random.nextBoolean() ? Color.GREEN : new GRecord("k", 1, List.of());
    }

    private Object leaf() {
      switch (random.nextInt(24)) {
        case 0: return null;
        case 1: return random.nextInt();
        case 2: return random.nextLong();
        case 3: return random.nextBoolean();
        case 4: return random.nextDouble() * 1e6;
        case 5: return new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0}[random.nextInt(3)];
        case 6: return new BigDecimal(new BigInteger(random.nextInt(4000) + 1, random), random.nextInt(50) - 25);
        case 7: return BigInteger.TWO.pow(random.nextInt(20_000));
        case 8: return Color.values()[random.nextInt(2)];
        case 9: return Instant.ofEpochMilli(random.nextLong() >>> 20);
        case 10: return UUID.randomUUID();
        case 11: return new byte[random.nextInt(100)];
        case 12: return "secret".toCharArray();
        case 13: return new ByteArrayInputStream(new byte[8]);
        case 14: return (Runnable) () -> { };
        case 15: return Thread.currentThread();
        case 16: return String.class;
        case 17: return new CompletableFuture<String>();
        case 18: return List.of(1, 2).iterator();
        case 19: return random.nextInt(4) != 0 ? string() : random.nextInt(20) == 0 ? HUGE : LARGE;
        case 20: return new StringBuilder(string());
        case 21: return 'x';
        case 22: return ByteBuffer.allocate(4);
        default: return string();
      }
    }

    private String string() {
      if (random.nextInt(20) == 0) {
        return chunk(random.nextInt(20)).repeat(random.nextInt(500)); // long, and cheap to make
      }
      return chunk(random.nextInt(20));
    }

    private String chunk(int length) {
      StringBuilder b = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        switch (random.nextInt(12)) {
          case 0: b.append((char) random.nextInt(0x20)); break;
          case 1: b.append('"'); break;
          case 2: b.append('\\'); break;
          case 3: b.append("😀"); break;
          case 4: b.append((char) (0xD800 + random.nextInt(0x800))); break; // a lone surrogate
          case 5: b.append((char) (0x80 + random.nextInt(0xD000))); break;
          default: b.append((char) ('a' + random.nextInt(26)));
        }
      }
      return b.toString();
    }
  }

  /** Checks every event as it is exported: within its limit, valid UTF-8, valid JSON. */
  private EventExporter checking(int maxBytes, String label) {
    return batches -> {
      for (BatchRequest batch : batches) {
        for (Event e : batch.events()) {
          check(e, maxBytes, label);
        }
      }
      return CompletableFuture.completedFuture(null);
    };
  }

  private void check(Event e, int maxBytes, String label) {
    try {
      byte[] bytes = JsonMappers.mapper().writeValueAsBytes(e);
      if (bytes.length > maxBytes) {
        failures.add(label + ": event of " + bytes.length + " bytes over " + maxBytes);
      }
      // a full streaming parse: rejects malformed JSON and malformed UTF-8
      try (JsonParser parser = JsonMappers.mapper().getFactory().createParser(bytes)) {
        for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
          if ((t == JsonToken.VALUE_STRING || t == JsonToken.FIELD_NAME) && !isWellFormed(parser.getText())) {
            failures.add(label + ": lone surrogate in a string: " + parser.getText());
          }
        }
      }
    } catch (Exception ex) {
      failures.add(label + ": event not writable or not valid JSON: " + ex);
    }
  }

  private static boolean isWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static TracerSettings config(UnaryOperator<TracerSettingsBuilder> limits) {
    return limits.apply(TracingTestSupport.testSettings().toBuilder()).build();
  }

  @Test
  @Timeout(120)
  void tenThousandRandomGraphsNeverBreakTheCallerNorTheLimits() {
    long seed = Long.getLong("honeyhive.capture.seed", 0x5EED_CAFEL);
    List<TracerSettings> configs = List.of(
        config(b -> b),
        config(b -> b.maxStringLength(16).maxCollectionSize(1).maxDepth(1).maxEventBytes(4_096)),
        config(b -> b.maxStringLength(100).maxCollectionSize(5).maxDepth(4).maxEventBytes(8_192)),
        config(b -> b.maxStringLength(2_000).maxCollectionSize(50).maxDepth(20).maxEventBytes(65_536)),
        config(b -> b.maxStringLength(50).maxCollectionSize(3).maxDepth(200).maxEventBytes(16_384)));
    int graphs = 0;
    for (int c = 0; c < configs.size(); c++) {
      TracerSettings config = configs.get(c);
      String label = "seed " + seed + ", config " + c;
      Tracer tracer = HoneyHive.install(Tracer.builder()
          .config(TracingTestSupport.testConfig())
          .settings(config)
          .synchronousExporter(checking(config.maxEventBytes(), label))
          .build());
      Generator generator = new Generator(seed + c);
      for (int i = 0; i < GRAPHS[c]; i++, graphs++) {
        Object graph = generator.graph();
        try {
          if (i % 2 == 0) {
            Object returned = service.identity(graph);
            if (returned != graph) {
              failures.add(label + ", graph " + i + ": the traced call returned something else");
            }
          } else {
            String key = KEYS[i % KEYS.length];
            Object returned = tracer.trace(SpanKind.TOOL, "generated", java.util.Collections.singletonMap(key, graph), span -> {
              span.setMetadata(key, graph);
              return graph;
            });
            if (returned != graph) {
              failures.add(label + ", graph " + i + ": trace returned something else");
            }
          }
        } catch (Throwable t) {
          failures.add(label + ", graph " + i + ": threw into the caller: " + t);
        }
        if (TraceContext.current() != null) {
          failures.add(label + ", graph " + i + ": context left behind");
          TraceContext.set(null);
        }
      }
      assertThat(tracer.internalErrorCount()).as(label).isZero();
      assertThat(((SafeValueCapture) TracerRuntimes.of(tracer).capture()).failures()).as(label).isZero();
    }
    assertThat(graphs).isGreaterThanOrEqualTo(10_000);
    assertThat(failures.stream().limit(10).toList()).as("first failures of %d", failures.size()).isEmpty();
  }
}
