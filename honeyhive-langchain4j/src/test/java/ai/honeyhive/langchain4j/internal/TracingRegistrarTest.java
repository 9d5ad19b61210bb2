package ai.honeyhive.langchain4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Tracer;
import ai.honeyhive.TracerSettings;
import ai.honeyhive.transport.export.EventExporter;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.observability.api.event.AiServiceStartedEvent;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TracingRegistrarTest {
  private static TracerSettings quiet(boolean enabled) {
    return TracerSettings.builder().tracingEnabled(enabled).exportConsole(false).exportFile(null).build();
  }

  @BeforeEach
  void install() {
    HoneyHive.install(Tracer.builder().settings(quiet(true)).synchronousExporter(EventExporter.noop()).build());
  }

  @AfterEach
  void restore() {
    HoneyHive.install(Tracer.builder().settings(quiet(false)).synchronousExporter(EventExporter.noop()).build());
  }

  @Test
  void callsWhoseEndIsNeverReportedDoNotAccumulate() throws Exception {
    TracingRegistrar registrar = new TracingRegistrar();

    // on a thread of its own: the calls left open stay current on it, and die with it
    Thread caller = new Thread(() -> {
      for (int i = 0; i < TracingRegistrar.MAX_OPEN_CALLS + 50; i++) {
        // e.g. a TokenStream returned by an AI Service and never started: LangChain4j reports the start only
        registrar.fireEvent(AiServiceStartedEvent.builder()
            .invocationContext(InvocationContext.builder().invocationId(UUID.randomUUID())
                .interfaceName("Assistant").methodName("chat").build())
            .userMessage(UserMessage.from("hi"))
            .build());
      }
    });
    caller.start();
    caller.join();

    assertThat(registrar.openCalls()).isLessThanOrEqualTo(TracingRegistrar.MAX_OPEN_CALLS);
  }
}
