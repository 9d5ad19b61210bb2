package ai.honeyhive.internal.capture;

import static ai.honeyhive.internal.capture.CaptureTestSupport.capture;
import static ai.honeyhive.internal.capture.CaptureTestSupport.captureIn;
import static ai.honeyhive.internal.capture.CaptureTestSupport.config;
import static ai.honeyhive.internal.capture.CaptureTestSupport.defaults;
import static ai.honeyhive.internal.capture.CaptureTestSupport.withMasker;
import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.ValueMasker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Secret-looking names are masked by default; a masker sees every value that is kept. */
class RedactionAndMaskingTest {
  private static final Pattern EMAIL = Pattern.compile("(?<![\\w.+-])[\\w.+-]++@[\\w-]++(?:\\.[\\w-]++)+");
  private static final ValueMasker SCRUB_EMAILS = (key, value) ->
      value instanceof String s && s.indexOf('@') >= 0 // cheap test first: this runs on every string
        ? EMAIL.matcher(s).replaceAll("<email>") : value;

  public static final class Account {
    public String getUser() {
      return "ann";
    }

    public String getApiKey() {
      throw new AssertionError("a redacted property is never read");
    }
  }

  @Test
  void aMapWithAPasswordKeyIsMasked() {
    assertThat(capture(defaults(), Map.of("user", "ann", "password", "hunter2")))
        .isEqualTo(Map.of("user", "ann", "password", "[redacted]"));
  }

  @Test
  void nestedSecretsAreMaskedWhateverTheirValue() {
    Map<String, Object> request = Map.of("headers", Map.of("Authorization", "Bearer sk-1", "Accept", "json"),
        "body", List.of(Map.of("access_token", Map.of("value", "t"))));
    assertThat(capture(defaults(), request)).isEqualTo(Map.of(
        "headers", Map.of("Authorization", "[redacted]", "Accept", "json"),
        "body", List.of(Map.of("access_token", "[redacted]"))));
  }

  @Test
  void secretLookingPropertiesAreMaskedWithoutBeingRead() {
    assertThat(capture(defaults(), new Account())).isEqualTo(Map.of("user", "ann", "apiKey", "[redacted]"));
  }

  @Test
  void aSecretLookingNameMasksTheWholeValue() {
    assertThat(captureIn(defaults(), "api_key", "sk-123").value()).isEqualTo("[redacted]");
    assertThat(captureIn(defaults(), "credentials", Map.of("user", "u")).value()).isEqualTo("[redacted]");
    assertThat(captureIn(defaults(), "max_tokens", 256).value()).isEqualTo(256);
  }

  @Test
  void configuredNamesAreMaskedToo() {
    SafeValueCapture capture = new SafeValueCapture(config(b -> b.redactKeys("ssn")));
    assertThat(capture(capture, Map.of("customer_ssn", "123-45-6789", "name", "x")))
        .isEqualTo(Map.of("customer_ssn", "[redacted]", "name", "x"));
  }

  @Test
  void theMaskerScrubsStringsAtAnyDepth() {
    Map<String, Object> value = Map.of("to", List.of("ann@example.com", "Bob <bob@example.org>"), "n", 3);
    assertThat(capture(withMasker(SCRUB_EMAILS), value))
        .isEqualTo(Map.of("to", List.of("<email>", "Bob <<email>>"), "n", 3));
  }

  @Test
  void theMaskerSeesEveryLeafWithItsKeyAndEveryMapKey() {
    List<String> seen = new CopyOnWriteArrayList<>();
    ValueMasker recording = (key, value) -> {
      seen.add(key + "=" + value);
      return value;
    };
    captureIn(withMasker(recording), "arg", Map.of("a", List.of(1, true), "password", "never seen"));
    assertThat(seen).contains("a=1", "a=true", "null=a", "null=password").doesNotContain("password=never seen");
  }

  @Test
  void theMaskerCanReplaceNumbersByKey() {
    ValueMasker hideAmounts = (key, value) -> "amount".equals(key) ? "***" : value;
    assertThat(capture(withMasker(hideAmounts), Map.of("amount", 120, "count", 2)))
        .isEqualTo(Map.of("amount", "***", "count", 2));
  }

  @Test
  void aThrowingMaskerNeverLetsTheValueThrough() {
    ValueMasker broken = (key, value) -> {
      throw new IllegalStateException("bug in masker");
    };
    assertThat(capture(withMasker(broken), List.of("ann@example.com", 5)))
        .isEqualTo(List.of("[masking failed]", "[masking failed]"));
  }

  @Test
  void theMaskerSeesTheKeptPartOfACutStringAndTheMarkerIsAddedAfter() {
    List<Object> seen = new ArrayList<>();
    ValueMasker recording = (key, value) -> {
      seen.add(value);
      return value;
    };
    SafeValueCapture capture = new SafeValueCapture(config(b -> b.maxStringLength(20)), List.of(), recording);
    Object captured = capture(capture, "0123456789".repeat(5));
    assertThat(seen).containsExactly("01234567890123456789");
    assertThat(captured).isEqualTo("01234567890123456789…[truncated: 50 chars]");
  }

  @Test
  void whatTheMaskerReturnsIsLimitedToo() {
    ValueMasker inflating = (key, value) -> "x".repeat(100_000);
    SafeValueCapture capture = new SafeValueCapture(config(b -> b.maxStringLength(100)), List.of(), inflating);
    assertThat((String) capture(capture, "short")).hasSizeLessThan(200);
  }
}
