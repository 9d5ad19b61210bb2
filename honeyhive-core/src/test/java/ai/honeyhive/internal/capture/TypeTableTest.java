package ai.honeyhive.internal.capture;

import static ai.honeyhive.internal.capture.CaptureTestSupport.capture;
import static ai.honeyhive.internal.capture.CaptureTestSupport.defaults;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.honeyhive.annotations.Redact;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What each kind of value becomes: the type table in docs/capture.md. */
class TypeTableTest {
  private final SafeValueCapture capture = defaults();

  private Object c(Object value) {
    return capture(capture, value);
  }

  enum Role { USER, @JsonProperty("bot") ASSISTANT }

  enum Level {
    LOW("l"), HIGH("h");
    private final String code;

    Level(String code) {
      this.code = code;
    }

    @JsonValue
    String code() {
      return code;
    }
  }

  record Message(Role role, String content) {}

  public static final class Pojo {
    public int visibleField = 7;
    private String hidden = "not a property";
    private final List<String> tags = new ArrayList<>(List.of("a", "b"));

    public String getName() {
      return "pojo";
    }

    public boolean isActive() {
      return true;
    }

    public List<String> getTags() {
      return tags;
    }

    String packageGetterIsNotAProperty() {
      return hidden;
    }
  }

  @JsonPropertyOrder({"b", "a"})
  @JsonIgnoreProperties({"internal"})
  public static final class Annotated {
    @JsonProperty("renamed")
    private final String secretlyNamedField = "x";

    public String getA() {
      return "a";
    }

    public String getB() {
      return "b";
    }

    @JsonIgnore
    public String getIgnored() {
      throw new AssertionError("an ignored getter must not be called");
    }

    public String getInternal() {
      return "internal";
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String getAbsent() {
      return null;
    }

    public String getPresentNull() {
      return null;
    }
  }

  public static final class Wrapper {
    private final String id;

    Wrapper(String id) {
      this.id = id;
    }

    @JsonValue
    public Map<String, Object> json() {
      return Map.of("id", id, "password", "hunter2");
    }
  }

  public static final class WithExtras {
    public String getKnown() {
      return "k";
    }

    @JsonAnyGetter
    public Map<String, Object> extras() {
      return Map.of("extra", 1);
    }
  }

  public static final class Opaque {
    @SuppressWarnings("unused")
    private final int secretState = 42;
  }

  public static final class Described {
    @Override
    public String toString() {
      return "EUR 10.00";
    }
  }

  /** A resource: its getters might do I/O, so it is never read. */
  public static final class Client implements AutoCloseable {
    public String getStatus() {
      throw new AssertionError("a resource's getters must not be called");
    }

    @Override
    public void close() {}
  }

  record Credentials(String user, @Redact String pin) {}

  public static final class Patient {
    @Redact
    private final String diagnosis = "private";

    public String getName() {
      return "pat";
    }

    public String getDiagnosis() {
      throw new AssertionError("a redacted property is never read");
    }
  }

  @Test
  void scalarsAreKeptAsTheyAre() {
    assertThat(c("text")).isEqualTo("text");
    assertThat(c(42)).isEqualTo(42);
    assertThat(c(42L)).isEqualTo(42L);
    assertThat(c(true)).isEqualTo(true);
    assertThat(c(1.5)).isEqualTo(1.5);
    assertThat(c(new BigDecimal("12.30"))).isEqualTo(new BigDecimal("12.30"));
    assertThat(c(BigInteger.TEN)).isEqualTo(BigInteger.TEN);
    assertThat(c('x')).isEqualTo("x");
    assertThat(c(null)).isNull();
  }

  @Test
  void nonFiniteNumbersBecomeStringsSinceJsonHasNone() {
    assertThat(c(Double.NaN)).isEqualTo("NaN");
    assertThat(c(Float.POSITIVE_INFINITY)).isEqualTo("Infinity");
  }

  @Test
  void mutableNumbersAreReadOnce() {
    AtomicLong counter = new AtomicLong(5);
    Object captured = c(counter);
    counter.incrementAndGet();
    assertThat(captured).isEqualTo(5L);
  }

  @Test
  void hugeBigIntegersAreSummarized() {
    BigInteger huge = BigInteger.TWO.pow(100_000);
    assertThat(c(huge)).isEqualTo("[BigInteger: 100001 bits]");
  }

  @Test
  void enumsAreTheirNamesOrJacksonNames() {
    assertThat(c(Role.USER)).isEqualTo("USER");
    assertThat(c(Role.ASSISTANT)).isEqualTo("bot");
    assertThat(c(Level.HIGH)).isEqualTo("h");
  }

  @Test
  void recordsAreObjectsOfTheirComponents() {
    assertThat(c(new Message(Role.USER, "hi")))
        .isEqualTo(Map.of("role", "USER", "content", "hi"));
  }

  @Test
  void pojosAreObjectsOfTheirPublicGettersAndFields() {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) c(new Pojo());
    assertThat(m).containsOnlyKeys("visibleField", "name", "active", "tags");
    assertThat(m).containsEntry("visibleField", 7).containsEntry("name", "pojo")
        .containsEntry("active", true).containsEntry("tags", List.of("a", "b"));
  }

  @Test
  void jacksonAnnotationsAreHonoured() {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) c(new Annotated());
    assertThat(m.keySet()).containsOnly("b", "a", "renamed", "presentNull").startsWith("b", "a");
    assertThat(m).containsEntry("renamed", "x").containsEntry("presentNull", null);
  }

  @Test
  void jsonValueTypesAreWrittenByJacksonThenLimitedAndRedacted() {
    assertThat(c(new Wrapper("w1"))).isEqualTo(Map.of("id", "w1", "password", "[redacted]"));
  }

  @Test
  void anyGetterEntriesAreMerged() {
    assertThat(c(new WithExtras())).isEqualTo(Map.of("known", "k", "extra", 1));
  }

  @Test
  void objectsWithoutPropertiesAreTheirToStringOrClassName() {
    assertThat(c(new Described())).isEqualTo("EUR 10.00");
    assertThat(c(new Opaque())).isEqualTo("[" + Opaque.class.getName() + "]");
    assertThat(c(new Object())).isEqualTo("[java.lang.Object]");
  }

  @Test
  void redactAnnotationOnARecordComponentMasksIt() {
    assertThat(c(new Credentials("ann", "1234"))).isEqualTo(Map.of("user", "ann", "pin", "[redacted]"));
  }

  @Test
  void redactAnnotationOnAFieldMasksItsGetter() {
    assertThat(c(new Patient())).isEqualTo(Map.of("name", "pat", "diagnosis", "[redacted]"));
  }

  @Test
  void collectionsMapsAndArraysAreListsAndObjects() {
    assertThat(c(List.of(1, "two", List.of(3)))).isEqualTo(List.of(1, "two", List.of(3)));
    assertThat(c(new LinkedHashSet<>(List.of("a", "b")))).isEqualTo(List.of("a", "b"));
    assertThat(c(new String[] {"x", "y"})).isEqualTo(List.of("x", "y"));
    assertThat(c(new int[] {1, 2})).isEqualTo(List.of(1, 2));
    assertThat(c(new double[] {0.5})).isEqualTo(List.of(0.5));
    Map<Object, Object> keys = new LinkedHashMap<>();
    keys.put(1, "int key");
    keys.put(Role.USER, "enum key");
    keys.put(null, "null key");
    assertThat(c(keys)).isEqualTo(Map.of("1", "int key", "USER", "enum key", "null", "null key"));
    assertThat(c(Map.entry("k", "v"))).isEqualTo(Map.of("k", "v"));
  }

  @Test
  void capturedContainersAreUnmodifiableSnapshots() {
    List<String> source = new ArrayList<>(List.of("a"));
    Object captured = c(source);
    source.add("b");
    assertThat(captured).isEqualTo(List.of("a"));
    assertThatThrownBy(() -> ((List<Object>) captured).add("c")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void timeAndOtherValueTypesAreTheirIsoOrCanonicalText() {
    Instant instant = Instant.parse("2024-05-01T10:15:30Z");
    assertThat(c(instant)).isEqualTo("2024-05-01T10:15:30Z");
    assertThat(c(LocalDate.of(2024, 5, 1))).isEqualTo("2024-05-01");
    assertThat(c(Duration.ofSeconds(90))).isEqualTo("PT1M30S");
    assertThat(c(OffsetDateTime.of(2024, 5, 1, 10, 0, 0, 0, ZoneOffset.ofHours(2))))
        .isEqualTo("2024-05-01T10:00+02:00");
    assertThat(c(Date.from(instant))).isEqualTo("2024-05-01T10:15:30Z");
    UUID id = UUID.randomUUID();
    assertThat(c(id)).isEqualTo(id.toString());
    assertThat(c(URI.create("https://example.com/x"))).isEqualTo("https://example.com/x");
    assertThat(c(Path.of("/tmp/a.txt"))).isEqualTo("/tmp/a.txt");
    assertThat(c(new File("b.txt"))).isEqualTo("b.txt");
    assertThat(c(new StringBuilder("built"))).isEqualTo("built");
  }

  @Test
  void optionalsAreTheirContentOrNull() {
    assertThat(c(Optional.of(new Message(Role.USER, "x")))).isEqualTo(Map.of("role", "USER", "content", "x"));
    assertThat(c(Optional.empty())).isNull();
    assertThat(c(OptionalInt.of(3))).isEqualTo(3);
    assertThat(c(new AtomicReference<>("ref"))).isEqualTo("ref");
  }

  @Test
  void bytesAndCharsAreSummarizedNotWritten() {
    assertThat(c(new byte[1_048_576])).isEqualTo("[byte[]: 1048576 bytes]");
    assertThat(c("pw".toCharArray())).isEqualTo("[char[]: 2 chars]");
    assertThat(c(ByteBuffer.allocate(16))).isEqualTo("[HeapByteBuffer: 16 remaining]");
  }

  @Test
  void resourcesAndHandlesArePlaceholdersAndAreNotTouched() throws Exception {
    InputStream in = new ByteArrayInputStream(new byte[] {1, 2, 3});
    assertThat(c(in)).isEqualTo("[InputStream: java.io.ByteArrayInputStream]");
    assertThat(in.available()).as("nothing was read").isEqualTo(3);
    assertThat(c(new StringReader("r"))).isEqualTo("[Reader: java.io.StringReader]");
    assertThat(c(Thread.currentThread())).isEqualTo("[Thread: " + Thread.currentThread().getName() + "]");
    assertThat(c(getClass().getClassLoader())).asString().startsWith("[ClassLoader: ");
    assertThat(c(String.class)).isEqualTo("[Class: java.lang.String]");
    assertThat(c(new CompletableFuture<String>())).isEqualTo("[Future: java.util.concurrent.CompletableFuture]");
    assertThat(c(List.of(1).iterator())).asString().startsWith("[Iterator: ");
    assertThat(c(Stream.of(1, 2))).asString().startsWith("[Stream: ");
    assertThat(c(new ReentrantLock())).isEqualTo("[Lock: java.util.concurrent.locks.ReentrantLock]");
    try (Socket socket = new Socket()) {
      assertThat(c(socket)).isEqualTo("[Socket: java.net.Socket]");
    }
    var executor = Executors.newSingleThreadExecutor();
    try {
      assertThat(c(executor)).asString().startsWith("[Executor: ");
    } finally {
      executor.shutdown();
    }
    Supplier<String> lambda = () -> "never called";
    assertThat(c(lambda)).asString().startsWith("[lambda: " + getClass().getName() + "$$Lambda");
    AutoCloseable client = new Client();
    assertThat(c(client)).isEqualTo("[AutoCloseable: " + Client.class.getName() + "]");
  }

  @Test
  void exceptionsAreTheirTypeAndMessage() {
    assertThat(c(new IllegalStateException("bad state")))
        .isEqualTo(Map.of("type", "java.lang.IllegalStateException", "message", "bad state"));
  }

  @Test
  void jsonTreesAreWalkedLikeMaps() throws Exception {
    var tree = new ObjectMapper().readTree("{\"a\":[1,2.5,\"s\",null,true],\"token\":\"t-1\",\"n\":{\"x\":1}}");
    Map<String, Object> expected = new LinkedHashMap<>();
    List<Object> a = new ArrayList<>(List.of(1, 2.5, "s"));
    a.add(null);
    a.add(true);
    expected.put("a", a);
    expected.put("token", "[redacted]");
    expected.put("n", Map.of("x", 1));
    assertThat(c(tree)).isEqualTo(expected);
  }
}
