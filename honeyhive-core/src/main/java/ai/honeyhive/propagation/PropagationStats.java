package ai.honeyhive.propagation;

/**
 * What propagation did in this process so far, for dashboards and tests.
 *
 * @param injected carriers given the current trace context (outgoing requests from inside a trace)
 * @param extracted incoming carriers that held a HoneyHive session to continue
 * @param rejected incoming headers or baggage entries refused as malformed, oversized or conflicting
 *     (each is also said in a rate-limited warning that names what was wrong, never the value)
 * @param ignored incoming baggage entries whose keys HoneyHive does not read (other libraries')
 */
public record PropagationStats(long injected, long extracted, long rejected, long ignored) {}
