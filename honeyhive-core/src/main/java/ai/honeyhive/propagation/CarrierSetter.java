package ai.honeyhive.propagation;

/**
 * Writes one header into a carrier: an outgoing request, a message's headers, a map. E.g.
 * {@code HttpRequest.Builder::setHeader} or {@code Map::put}.
 *
 * @param <C> the carrier's type
 */
@FunctionalInterface
public interface CarrierSetter<C> {
  void set(C carrier, String key, String value);
}
