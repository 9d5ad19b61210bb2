package ai.honeyhive.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Traces every call of the annotated method as a HoneyHive {@code model} event: a call to an LLM
 * or another model. {@link #model()} and {@link #provider()} go into the event's {@code config}.
 *
 * <p>The annotation has no runtime of its own; it takes effect when the HoneyHive aspects are
 * woven into the class, at compile time (AspectJ Maven plugin) or at load time (the agent).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TraceModel {

  /** The event name; empty means the method's name. */
  String name() default "";

  /** The model's name, recorded as {@code config.model}; empty means not recorded. */
  String model() default "";

  /** The model's provider, recorded as {@code config.provider}; empty means not recorded. */
  String provider() default "";

  /** Record the arguments as the event's {@code inputs}, keyed by parameter name. */
  boolean captureInputs() default true;

  /** Record the return value as the event's {@code outputs}. */
  boolean captureOutputs() default true;
}
