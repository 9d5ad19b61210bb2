package ai.honeyhive.internal;

import ai.honeyhive.SpanKind;
import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.annotations.TraceModel;
import ai.honeyhive.annotations.TraceTool;
import java.lang.annotation.Annotation;

/**
 * What a {@code @TraceChain}, {@code @TraceTool} or {@code @TraceModel} says, read once: the woven
 * aspects and the Spring AOP advisor both describe a method from it, so an attribute added to the
 * annotations is read in one place. An empty name stays empty (the caller names the event after the
 * method); an empty model or provider is null. Not public API.
 */
public record TraceAnnotation(SpanKind kind, String name, boolean captureInputs, boolean captureOutputs,
    String model, String provider) {

  /** The annotation's attributes; null if {@code a} is none of the three. */
  public static TraceAnnotation of(Annotation a) {
    if (a instanceof TraceModel m) {
      return new TraceAnnotation(SpanKind.MODEL, m.name(), m.captureInputs(), m.captureOutputs(),
          m.model().isEmpty() ? null : m.model(), m.provider().isEmpty() ? null : m.provider());
    }
    if (a instanceof TraceTool t) {
      return new TraceAnnotation(SpanKind.TOOL, t.name(), t.captureInputs(), t.captureOutputs(), null, null);
    }
    if (a instanceof TraceChain c) {
      return new TraceAnnotation(SpanKind.CHAIN, c.name(), c.captureInputs(), c.captureOutputs(), null, null);
    }
    return null;
  }
}
