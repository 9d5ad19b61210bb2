package ai.honeyhive.aspects;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.annotations.TraceChain;
import java.util.function.IntPredicate;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.Pointcut;

/**
 * Recursive woven methods that switch tracing off and on between their own levels, so that calls
 * of one join point on one thread are traced at some levels and not at others.
 */
final class RecursionFixtures {
  private RecursionFixtures() {}

  static final class Annotated {
    /** Recurses down to 0; level {@code n - 1} runs with tracing as {@code tracedAt} says. */
    @TraceChain
    String level(int n, IntPredicate tracedAt) {
      if (n == 0) {
        return "leaf";
      }
      HoneyHive.tracer().setEnabled(tracedAt.test(n - 1));
      String inner;
      try {
        inner = level(n - 1, tracedAt);
      } finally {
        HoneyHive.tracer().setEnabled(true);
      }
      return "level" + n + "(" + inner + ")";
    }

    /** As {@link #level}, but level {@code failAt} throws and the level above it recovers. */
    @TraceChain
    String recovering(int n, int failAt, IntPredicate tracedAt) {
      if (n == failAt) {
        throw new IllegalStateException("level " + n + " failed");
      }
      if (n == 0) {
        return "leaf";
      }
      HoneyHive.tracer().setEnabled(tracedAt.test(n - 1));
      String inner;
      try {
        inner = recovering(n - 1, failAt, tracedAt);
      } catch (IllegalStateException e) {
        inner = "recovered";
      } finally {
        HoneyHive.tracer().setEnabled(true);
      }
      return "level" + n + "(" + inner + ")";
    }
  }

  static final class Identity {
    /** Returns its argument: a woven call that itself allocates nothing. */
    @ai.honeyhive.annotations.TraceTool
    String same(String s) {
      return s;
    }
  }

  /** Unannotated: traced by {@link ConfiguredAspect}, as the agent would from configuration. */
  static final class Unannotated {
    String level(int n, IntPredicate tracedAt) {
      if (n == 0) {
        return "leaf";
      }
      HoneyHive.tracer().setEnabled(tracedAt.test(n - 1));
      String inner;
      try {
        inner = level(n - 1, tracedAt);
      } finally {
        HoneyHive.tracer().setEnabled(true);
      }
      return "level" + n + "(" + inner + ")";
    }
  }

  @Aspect
  static final class ConfiguredAspect extends ConfiguredTraceAspect {
    @Override
    @Pointcut("execution(* ai.honeyhive.aspects.RecursionFixtures.Unannotated.level(..))")
    public void tracedMethods() {}
  }
}
