package ai.honeyhive.internal.propagation;

import java.util.concurrent.atomic.LongAdder;

/** Process-wide counts of what propagation wrote and read; see {@code PropagationStats}. Not public API. */
public final class PropagationCounters {
  public static final LongAdder INJECTED = new LongAdder();
  public static final LongAdder EXTRACTED = new LongAdder();
  public static final LongAdder REJECTED = new LongAdder();
  public static final LongAdder IGNORED = new LongAdder();

  private PropagationCounters() {}
}
