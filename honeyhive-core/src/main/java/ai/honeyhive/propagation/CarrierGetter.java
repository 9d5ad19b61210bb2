package ai.honeyhive.propagation;

/**
 * Reads one header of a carrier: an incoming request, a message's headers, a map. Header names
 * are given in lower case ({@code traceparent}, {@code tracestate}, {@code baggage}); a getter
 * over a case-sensitive carrier should ignore case, return null for a header that is absent, and
 * join a header given more than once with {@code ,} (as HTTP does).
 *
 * @param <C> the carrier's type
 */
@FunctionalInterface
public interface CarrierGetter<C> {
  String get(C carrier, String key);
}
