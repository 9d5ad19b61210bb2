package ai.honeyhive.benchmarks;

import ai.honeyhive.TracerSettings;
import ai.honeyhive.TracerSettingsBuilder;
import ai.honeyhive.internal.CaptureBudget;
import ai.honeyhive.internal.capture.SafeValueCapture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What scanning captured strings for secrets costs the caller: one string captured as an input
 * (the fast path, no graph walk) with the scan on (the default) and off
 * ({@code HH_SCAN_SECRET_VALUES=false}), for the same String object on each call and for a new
 * one. The texts: a short question, a 32 KB prompt of prose, code and URLs with nothing to mask,
 * and the same prompt with an API key pasted into it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SecretScanBenchmark {
  @Param({"short", "prompt32k", "prompt32kWithKey"})
  public String text;

  private SafeValueCapture scanning;
  private SafeValueCapture plain;
  private String value;

  @Setup
  public void setUp() {
    TracerSettingsBuilder config = TracerSettings.builder()
        .exportConsole(false).exportFile(null);
    scanning = new SafeValueCapture(config.scanSecretValues(true).build());
    plain = new SafeValueCapture(config.scanSecretValues(false).build());
    value = switch (text) {
      case "short" -> "what is the refund policy for orders shipped abroad?";
      case "prompt32k" -> prompt(32_000, null);
      case "prompt32kWithKey" -> prompt(32_000, "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z0123456789");
      default -> throw new IllegalArgumentException(text);
    };
    if (value.length() < 1_000) {
      variants = new String[VARIANTS];
      for (int i = 0; i < VARIANTS; i++) {
        variants[i] = value + " #" + i;
      }
    }
  }

  /** Prose, a config snippet and links, as a retrieval-augmented prompt holds them. */
  static String prompt(int chars, String pastedKey) {
    String[] parts = {
        "You are a support assistant. Answer using only the documents below; cite them by number. ",
        "Document 3: Refunds are issued to the original payment method within 5 business days. ",
        "See https://example.com/help/refunds?lang=en#policy for the full policy, or mail support@example.com. ",
        "Config: retries=3, timeout_ms=2000, region: eu-west-1, max_tokens=512, model=gpt-4o-mini. ",
        "Q: Can a customer return a custom-made item? A: Only if it arrived damaged; photos are required. ",
        "The basic plan includes 2 seats; Bearer of the annual pass gets priority support. "};
    StringBuilder b = new StringBuilder(chars + 128);
    for (int i = 0; b.length() < chars; i++) {
      b.append(parts[i % parts.length]);
      if (pastedKey != null && i == 150) {
        b.append("My key is ").append(pastedKey).append(", why does it fail? ");
      }
    }
    b.setLength(chars);
    return b.toString();
  }

  @Benchmark
  public Object scanned() {
    return scanning.capture("prompt", value, new CaptureBudget(1 << 20));
  }

  @Benchmark
  public Object unscanned() {
    return plain.capture("prompt", value, new CaptureBudget(1 << 20));
  }

  /**
   * A text not seen before on each call, as a user's question mostly is: a short string seen
   * before (a constant: a role, a model name) is known clean and not scanned again, so
   * {@link #scanned} alone would hide the scan's cost. Short texts cycle through many variants
   * (the text with a number); long ones are copied (they are never remembered). Both sides alike.
   */
  @Benchmark
  public Object scannedFresh() {
    return scanning.capture("prompt", fresh(), new CaptureBudget(1 << 20));
  }

  @Benchmark
  public Object unscannedFresh() {
    return plain.capture("prompt", fresh(), new CaptureBudget(1 << 20));
  }

  private static final int VARIANTS = 1 << 14;
  private String[] variants;
  private int next;

  private String fresh() {
    if (variants == null) {
      return new String(value);
    }
    return variants[next++ & (VARIANTS - 1)];
  }
}
