package ai.honeyhive.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

  @Test
  void hugeTimeoutsMeanNoLimitInsteadOfOverflowing() {
    long forever = Deadlines.nanos(ChronoUnit.FOREVER.getDuration());
    assertThat(forever).isPositive();
    assertThat(Deadlines.nanos(Duration.ofMillis(Long.MAX_VALUE))).isEqualTo(forever);
    assertThat(Deadlines.after(ChronoUnit.FOREVER.getDuration())).isGreaterThan(System.nanoTime());
  }

  @Test
  void negativeAndNullAreZeroAndOrdinaryTimeoutsAreExact() {
    assertThat(Deadlines.nanos(Duration.ofSeconds(-1))).isZero();
    assertThat(Deadlines.nanos(null)).isZero();
    assertThat(Deadlines.nanos(Duration.ofMillis(1500))).isEqualTo(1_500_000_000L);
  }
}
