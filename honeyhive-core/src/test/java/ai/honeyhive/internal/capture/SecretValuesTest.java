package ai.honeyhive.internal.capture;

import static ai.honeyhive.internal.capture.CaptureTestSupport.capture;
import static ai.honeyhive.internal.capture.CaptureTestSupport.defaults;
import static ai.honeyhive.internal.capture.CaptureTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The shapes documented on {@link SecretValues}, each masked where it stands and nothing else. */
class SecretValuesTest {
  static final String OPENAI = "sk-abcdefghijklmnopqrstuvwxyz0123456789ABCD";
  static final String OPENAI_PROJECT = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z_-AbCdEf";
  static final String AWS_ID = "AKIAIOSFODNN7EXAMPLE";
  static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final String GOOGLE = "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q";
  static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
      + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

  /** Each text and what it becomes. */
  static List<Arguments> shapes() {
    String[][] rows = {
        {"Use key " + OPENAI + " for this.", "Use key [redacted] for this."},
        {"project key: " + OPENAI_PROJECT + "!", "project key: [redacted]!"},
        {"id " + AWS_ID + " in us-east-1", "id [redacted] in us-east-1"},
        {"aws_secret_access_key = " + AWS_SECRET + "\nregion=x", "aws_secret_access_key = [redacted]\nregion=x"},
        {"aws_secret_access_key: " + AWS_SECRET, "aws_secret_access_key: [redacted]"},
        {"maps key=" + GOOGLE + "&q=1", "maps key=[redacted]&q=1"},
        {"token " + JWT + " expired", "token [redacted] expired"},
        {"Authorization: Bearer abc.def-123 was sent", "Authorization: Bearer [redacted] was sent"},
        {"curl -H 'Authorization: Basic dXNlcjpwYXNz' x", "curl -H 'Authorization: Basic [redacted]' x"},
        {"header Bearer 9f8e7d6c5b4a39281716abcdef here", "header Bearer [redacted] here"},
        {"send Basic dXNlcjpodW50ZXIy please", "send Basic [redacted] please"},
        {"connect postgres://app:s3cr3t@db.internal:5432/prod now", "connect postgres://app:[redacted]@db.internal:5432/prod now"},
        {"jdbc:mysql://root:pw123@localhost/db", "jdbc:mysql://root:[redacted]@localhost/db"},
        {"Server=tcp:x.database.windows.net;Database=d;User ID=u;Password=P@ssw0rd!;Encrypt=True",
            "Server=tcp:x.database.windows.net;Database=d;User ID=u;Password=[redacted];Encrypt=True"},
        {"Host=h;Username=u;pwd=hunter2;Port=5", "Host=h;Username=u;pwd=[redacted];Port=5"},
        {"jdbc:postgresql://h/db?user=u&password=hunter2&ssl=true", "jdbc:postgresql://h/db?user=u&password=[redacted]&ssl=true"},
        {"DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc+/def==;EndpointSuffix=x",
            "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=[redacted];EndpointSuffix=x"},
        {"payload {\"user\": \"bob\", \"password\": \"hunter2\"}", "payload {\"user\": \"bob\", \"password\": \"[redacted]\"}"},
        {"{\"api_key\":\"abc123\",\"n\":1}", "{\"api_key\":\"[redacted]\",\"n\":1}"},
        {"{\"client_secret\": \"a\\\"b\"}", "{\"client_secret\": \"[redacted]\"}"},
        {"export DB_PASSWORD=hunter2", "export DB_PASSWORD=[redacted]"},
    };
    return java.util.Arrays.stream(rows).map(r -> Arguments.of(r[0], r[1])).toList();
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void masksTheSecretAndKeepsTheText(String in, String expected) {
    assertThat(SecretValues.mask(in)).isEqualTo(expected);
    // a long text is searched anchor by anchor instead of character by character: same result
    String prose = "Answer from the documents below: refunds take 5 days (see https://x.test/a?b=c). ".repeat(3);
    assertThat(SecretValues.mask(prose + in + "\n" + prose)).isEqualTo(prose + expected + "\n" + prose);
  }

  @Test
  @org.junit.jupiter.api.Timeout(60) // a guard against a hang: quadratic work here takes many minutes
  void manyUnterminatedPemBlocksAreMaskedInOnePass() {
    String text = "x".repeat(100) + "-----BEGIN PRIVATE KEY-----\nMIIE".repeat(20_000);
    assertThat(SecretValues.mask(text)).isEqualTo("x".repeat(100) + "-----BEGIN PRIVATE KEY-----[redacted]");
  }

  @Test
  void manySecretsInALongTextAreEachMasked() {
    String text = ("pasted " + OPENAI + " and " + AWS_ID + " then " + JWT + ". ").repeat(50);
    assertThat(SecretValues.mask(text)).isEqualTo("pasted [redacted] and [redacted] then [redacted]. ".repeat(50));
  }

  @Test
  void masksAPemPrivateKeyBlockButKeepsItsMarkers() {
    String pem = "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nabc==\n-----END RSA PRIVATE KEY-----\ndone";
    assertThat(SecretValues.mask(pem))
        .isEqualTo("key:\n-----BEGIN RSA PRIVATE KEY-----[redacted]-----END RSA PRIVATE KEY-----\ndone");
    String cut = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC";
    assertThat(SecretValues.mask(cut)).isEqualTo("-----BEGIN PRIVATE KEY-----[redacted]");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "hi", "What is the capital of France?",
      "Write a task-list for sk-learn users, then ask-me-anything.",
      "Bearer tokens are described in RFC 6750; see the basic profile.",
      "This is a basic question about AKIA and AIza prefixes.",
      "max_tokens=256, prompt_tokens=12, total_tokens=300, token_count: 4",
      "https://example.com/docs?page=2#top and mail bob@example.com",
      "The secretary said: the password policy changed.",
      "a:b=c; x = y; ratio 3:4",
      "eyJ alone is not a token.",
      "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
      "{\"properties\": {\"password\": {\"type\": \"string\"}, \"api_key\": [\"a\"]}}",
      "if password == expected: return",
      "password = input(prompt)",
  })
  void leavesOrdinaryTextAlone(String text) {
    assertThat(SecretValues.mask(text)).isSameAs(text);
  }

  @Test
  void aSecretOverlappingAnotherIsMaskedOnce() {
    assertThat(SecretValues.mask("Authorization: Bearer " + JWT))
        .isEqualTo("Authorization: Bearer [redacted]");
    assertThat(SecretValues.mask("password=" + OPENAI + ";")).isEqualTo("password=[redacted];");
  }

  // ---- through the capture: inputs, outputs, map keys, errors, cut strings, the switch

  @Test
  void aCapturedPromptHasItsSecretsMaskedOnTheFastPath() {
    assertThat(capture(defaults(), "my key is " + OPENAI)).isEqualTo("my key is [redacted]");
  }

  @Test
  void nestedValuesMapKeysAndJsonTreesAreScanned() throws Exception {
    Object captured = capture(defaults(), Map.of("prompts", List.of("use " + AWS_ID),
        "sk-proj-keyasmapkey0123456789abcdef", "v"));
    assertThat(captured).isEqualTo(Map.of("prompts", List.of("use [redacted]"), "[redacted]", "v"));
    Object json = capture(defaults(), new ObjectMapper().readTree("{\"q\": \"dsn postgres://u:pw@h/db\"}"));
    assertThat(json).isEqualTo(Map.of("q", "dsn postgres://u:[redacted]@h/db"));
  }

  @Test
  void aThrowableMessageIsScanned() {
    Object captured = capture(defaults(), new IllegalStateException("login failed for postgres://u:pw@h/db"));
    assertThat(captured).isEqualTo(Map.of("type", "java.lang.IllegalStateException",
        "message", "login failed for postgres://u:[redacted]@h/db"));
  }

  @Test
  void aSecretTheCutRunsThroughIsMaskedWhole() {
    String text = "x".repeat(20) + " " + OPENAI + " tail";
    Object captured = capture(with(b -> b.maxStringLength(40)), text);
    assertThat((String) captured).startsWith("xxxxxxxxxxxxxxxxxxxx [redacted]").doesNotContain("sk-abc");
    Object sb = capture(with(b -> b.maxStringLength(40)), new StringBuilder(text));
    assertThat((String) sb).doesNotContain("sk-abc");
  }

  @Test
  void scanningCanBeSwitchedOff() {
    SafeValueCapture off = with(b -> b.scanSecretValues(false));
    assertThat(capture(off, "my key is " + OPENAI)).isEqualTo("my key is " + OPENAI);
    assertThat(capture(off, List.of("my key is " + OPENAI))).isEqualTo(List.of("my key is " + OPENAI));
  }
}
