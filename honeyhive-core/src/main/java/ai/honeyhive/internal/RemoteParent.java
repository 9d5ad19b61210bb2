package ai.honeyhive.internal;

/**
 * What a caller in another service sent about its trace, validated: the session to join, the
 * calling event (the parent of this side's top-level events; null: the session itself), the W3C
 * trace id and {@code tracestate} to pass on, the caller's sampling decision, and the project and
 * source its events go to (null: this side's own). Not public API.
 */
public record RemoteParent(String sessionId, String parentEventId, String traceId, String traceState,
    boolean sampled, String project, String source) {
}
