package ai.honeyhive;

/**
 * Code run as a traced call by {@link Tracer#trace}. It may throw any exception, checked or not;
 * the tracer records it and rethrows the same object.
 */
@FunctionalInterface
public interface TracedBody<T, E extends Throwable> {
  T call(Span span) throws E;
}
