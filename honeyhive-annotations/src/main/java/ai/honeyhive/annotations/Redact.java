package ai.honeyhive.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Masks a value in traced events: the value is recorded as {@code "[redacted]"} and never read.
 *
 * <p>On a parameter of a {@link TraceChain}, {@link TraceTool} or {@link TraceModel} method, the
 * argument is masked in the event's {@code inputs}. On a field or record component, that property
 * is masked wherever an object of the class is captured.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface Redact {}
