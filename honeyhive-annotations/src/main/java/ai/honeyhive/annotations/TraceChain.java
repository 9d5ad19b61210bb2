package ai.honeyhive.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Traces every call of the annotated method as a HoneyHive {@code chain} event: a step that
 * orchestrates other steps (a pipeline, an agent loop, a request handler).
 *
 * <p>The annotation has no runtime of its own; it takes effect when the HoneyHive aspects are
 * woven into the class, at compile time (AspectJ Maven plugin) or at load time (the agent).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TraceChain {

  /** The event name; empty means the method's name. */
  String name() default "";

  /** Record the arguments as the event's {@code inputs}, keyed by parameter name. */
  boolean captureInputs() default true;

  /** Record the return value as the event's {@code outputs}. */
  boolean captureOutputs() default true;
}
