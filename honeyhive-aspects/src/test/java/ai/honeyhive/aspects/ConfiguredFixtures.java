package ai.honeyhive.aspects;

import ai.honeyhive.annotations.TraceTool;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.Pointcut;

/**
 * A class with no annotations and a concrete {@link ConfiguredTraceAspect} over it, as the agent
 * generates one from {@code com.acme.Client#complete=model:llm_call}; ajc weaves both at
 * test-compile time.
 */
final class ConfiguredFixtures {
  private ConfiguredFixtures() {}

  interface Completer {
    String complete(String prompt);
  }

  /** Unannotated code the user does not own. */
  static class Client implements Completer {
    @Override
    public String complete(String prompt) {
      return "completion of " + prompt;
    }

    String fail(String why) {
      throw new IllegalArgumentException(why);
    }

    @TraceTool(name = "annotated_wins")
    String annotatedToo(String s) {
      return s;
    }
  }

  /** An implementation of the configured interface method: traced as an override. */
  static final class OtherClient implements Completer {
    @Override
    public String complete(String prompt) {
      return "other " + prompt;
    }
  }

  @Aspect
  static final class CompleteAspect extends ConfiguredTraceAspect {
    @Override
    @Pointcut("execution(* ai.honeyhive.aspects.ConfiguredFixtures.Completer.complete(..))")
    public void tracedMethods() {}
  }

  @Aspect
  static final class FailAspect extends ConfiguredTraceAspect {
    @Override
    @Pointcut("execution(* ai.honeyhive.aspects.ConfiguredFixtures.Client.fail(..))"
        + " || execution(* ai.honeyhive.aspects.ConfiguredFixtures.Client.annotatedToo(..))")
    public void tracedMethods() {}
  }
}
