package ai.honeyhive.test;

import ai.honeyhive.Tracer;
import ai.honeyhive.TracerBuilder;
import ai.honeyhive.internal.GlobalTracerSlot;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a fresh tracer that records in memory, exporting each session synchronously as
 * it completes; installs it as the process-wide tracer the annotations use for the duration of
 * the test and puts the previous one back afterwards (the previous one is neither shut down nor
 * created if there was none). The test receives what was recorded as a {@link RecordedTraces}
 * parameter.
 *
 * <p>Use it through {@link TracingTest}, or register it to customise the tracer:
 * <pre>{@code
 * @RegisterExtension
 * static HoneyHiveTestExtension tracing = HoneyHiveTestExtension.withTracer(b -> b.masker(...));
 * }</pre>
 *
 * <p><b>Parallel execution.</b> The process-wide tracer is one per JVM, so two tests that trace
 * through it at the same time would see each other's sessions. {@link TracingTest} therefore
 * holds the JUnit resource lock {@value #GLOBAL_TRACER} (read-write) for each test: tests using
 * the global tracer run one at a time, every other test still runs in parallel. A test that
 * registers the extension itself should add {@code @ResourceLock(HoneyHiveTestExtension.GLOBAL_TRACER)}
 * when parallel execution is on. Any session that completes on any thread while the test runs is
 * recorded for that test, including work the test hands to its own executors.
 */
public final class HoneyHiveTestExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  /** The JUnit resource lock held by tests that use the process-wide tracer. */
  public static final String GLOBAL_TRACER = "ai.honeyhive.global-tracer";

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HoneyHiveTestExtension.class);
  private static final String RECORDED = "recorded";
  private static final String PREVIOUS = "previous";

  private final UnaryOperator<TracerBuilder> customizer;

  /** The extension with a default tracer; what {@link TracingTest} registers. */
  public HoneyHiveTestExtension() {
    this(UnaryOperator.identity());
  }

  private HoneyHiveTestExtension(UnaryOperator<TracerBuilder> customizer) {
    this.customizer = customizer;
  }

  /**
   * The extension whose tracers are built with {@code customizer} applied first (a masker,
   * serializers, a configuration); it must not set a processor or exporters.
   */
  public static HoneyHiveTestExtension withTracer(UnaryOperator<TracerBuilder> customizer) {
    return new HoneyHiveTestExtension(Objects.requireNonNull(customizer, "customizer"));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    RecordedTraces recorded = RecordedTraces.create(customizer);
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    store.put(RECORDED, recorded);
    store.put(PREVIOUS, new Previous(GlobalTracerSlot.swap(recorded.tracer())));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    RecordedTraces recorded = store.remove(RECORDED, RecordedTraces.class);
    Previous previous = store.remove(PREVIOUS, Previous.class);
    if (previous != null) {
      GlobalTracerSlot.swap(previous.tracer());
    }
    if (recorded != null) {
      // delivery is synchronous, so there is nothing to wait for; a session the test left open is dropped
      recorded.tracer().shutdown(Duration.ofMillis(200));
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RecordedTraces.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    RecordedTraces recorded = context.getStore(NAMESPACE).get(RECORDED, RecordedTraces.class);
    if (recorded == null) {
      throw new ParameterResolutionException("RecordedTraces is given to test methods (and @BeforeEach/@AfterEach"
          + " methods) only, not to constructors or @BeforeAll methods");
    }
    return recorded;
  }

  /** Boxes the replaced tracer, which may be null (none was created yet). */
  private record Previous(Tracer tracer) {}
}
