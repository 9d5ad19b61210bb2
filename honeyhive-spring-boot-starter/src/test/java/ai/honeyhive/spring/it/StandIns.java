package ai.honeyhive.spring.it;

import ai.honeyhive.test.HoneyHiveStandIn;
import ai.honeyhive.transport.model.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The local servers one test class's application talks to: a HoneyHive stand-in and, for classes
 * that call a model, the OpenAI stub. Each class starts its own (in a static field) so its context
 * points at its own servers, as each class's {@code @DirtiesContext} context always did.
 */
final class StandIns implements AutoCloseable {
  private final HoneyHiveStandIn honeyhive;
  private final OpenAiStub openai;

  private StandIns(HoneyHiveStandIn honeyhive, OpenAiStub openai) {
    this.honeyhive = honeyhive;
    this.openai = openai;
  }

  /** HoneyHive only: Spring AI's OpenAI beans still get a key, and no model is called. */
  static StandIns honeyHiveOnly() {
    return new StandIns(HoneyHiveStandIn.start(), null);
  }

  static StandIns withOpenAi() {
    HoneyHiveStandIn honeyhive = HoneyHiveStandIn.start();
    try {
      return new StandIns(honeyhive, new OpenAiStub());
    } catch (IOException e) {
      honeyhive.close();
      throw new UncheckedIOException(e);
    }
  }

  HoneyHiveStandIn honeyhive() {
    return honeyhive;
  }

  OpenAiStub openai() {
    return openai;
  }

  /** The first event of that name the stand-in received; null while none has arrived. */
  Event named(String name) {
    return honeyhive.events().stream().filter(e -> name.equals(e.eventName())).findFirst().orElse(null);
  }

  /** Points the starter at the stand-in (and Spring AI at the stub); a class adds its own properties after. */
  void register(DynamicPropertyRegistry r) {
    r.add("honeyhive.api.key", () -> "hh-test-key");
    r.add("honeyhive.api.url", () -> honeyhive.url().toString());
    r.add("honeyhive.project", () -> "spring-test");
    r.add("honeyhive.batch.delay.ms", () -> "20");
    if (openai == null) {
      r.add("spring.ai.openai.api-key", () -> "sk-unused");
    } else {
      r.add("spring.ai.openai.api-key", () -> "sk-stub");
      r.add("spring.ai.openai.base-url", openai::baseUrl);
    }
  }

  @Override
  public void close() {
    honeyhive.close();
    if (openai != null) {
      openai.close();
    }
  }
}
