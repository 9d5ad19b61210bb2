package ai.honeyhive.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.SpanKind;
import ai.honeyhive.Tracer;
import ai.honeyhive.spring.boot.HoneyHiveAutoConfiguration;
import ai.honeyhive.spring.internal.ExportMeters;
import ai.honeyhive.test.HoneyHiveStandIn;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What the exporter did, as meters: the events sent to a local API counted under outcome=sent. */
class ExportMetersTest {
  @Test
  @Timeout(60)
  void sentEventsAreCountedAsMeters() throws Exception {
    try (HoneyHiveStandIn honeyhive = HoneyHiveStandIn.start()) {
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(HoneyHiveAutoConfiguration.class))
          .withPropertyValues("honeyhive.api.key=hh-test-key", "honeyhive.api.url=" + honeyhive.url(),
              "honeyhive.project=meters", "honeyhive.batch.delay.ms=20")
          .run(ctx -> {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            ctx.getBean(ExportMeters.class).bindTo(registry);
            Tracer tracer = ctx.getBean(Tracer.class);
            for (int i = 0; i < 3; i++) {
              tracer.trace(SpanKind.CHAIN, "step", Map.of("i", i), span -> "ok");
            }
            assertThat(tracer.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(registry.get("honeyhive.export.events").tag("outcome", "sent").functionCounter().count())
                .isEqualTo(3.0);
            assertThat(registry.get("honeyhive.export.events").tag("outcome", "queued").functionCounter().count())
                .isEqualTo(3.0);
            assertThat(registry.get("honeyhive.export.events").tag("outcome", "failed").functionCounter().count())
                .isZero();
            assertThat(registry.get("honeyhive.export.pending").gauge().value()).isZero();
            assertThat(WireEvents.of(honeyhive)).hasSize(3);
          });
    }
  }
}
