package ai.honeyhive.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Runs each test of the class (or the annotated test) with a fresh recording tracer installed for
 * the annotations, and holds the {@value HoneyHiveTestExtension#GLOBAL_TRACER} resource lock so
 * that, under parallel execution, no other test using the process-wide tracer runs at the same
 * time. See {@link HoneyHiveTestExtension}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(HoneyHiveTestExtension.class)
@ResourceLock(HoneyHiveTestExtension.GLOBAL_TRACER)
public @interface TracingTest {}
