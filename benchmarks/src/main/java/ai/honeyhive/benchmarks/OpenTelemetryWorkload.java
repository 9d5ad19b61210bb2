package ai.honeyhive.benchmarks;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/**
 * {@link Workload#answer}'s session as OpenTelemetry users write it by hand: one span per call,
 * made current so that the calls inside are its children, with the call's two arguments as
 * attributes (and the model and provider on the model's span, which our event records as config).
 */
final class OpenTelemetryWorkload {
  private static final AttributeKey<String> ARG0 = AttributeKey.stringKey("arg0");
  private static final AttributeKey<String> ARG1 = AttributeKey.stringKey("arg1");
  private static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
  private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.system");

  private final Tracer tracer;

  OpenTelemetryWorkload(Tracer tracer) {
    this.tracer = tracer;
  }

  String answer(String question, String user) {
    Span span = start("answer", question, user);
    try (Scope ignored = span.makeCurrent()) {
      String docs = search(question, user);
      String ranked = rerank(question, docs);
      String prompt = format(question, ranked);
      return complete(prompt, user);
    } finally {
      span.end();
    }
  }

  private String search(String query, String index) {
    Span span = start("search", query, index);
    try (Scope ignored = span.makeCurrent()) {
      return pick(query, index);
    } finally {
      span.end();
    }
  }

  private String rerank(String query, String docs) {
    Span span = start("rerank", query, docs);
    try (Scope ignored = span.makeCurrent()) {
      return pick(docs, query);
    } finally {
      span.end();
    }
  }

  private String format(String question, String context) {
    Span span = start("format", question, context);
    try (Scope ignored = span.makeCurrent()) {
      return pick(question, context);
    } finally {
      span.end();
    }
  }

  private String complete(String prompt, String system) {
    Span span = tracer.spanBuilder("complete")
        .setAttribute(ARG0, prompt)
        .setAttribute(ARG1, system)
        .setAttribute(MODEL, "gpt-4o-mini")
        .setAttribute(PROVIDER, "openai")
        .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return pick(prompt, system);
    } finally {
      span.end();
    }
  }

  private Span start(String name, String a, String b) {
    return tracer.spanBuilder(name).setAttribute(ARG0, a).setAttribute(ARG1, b).startSpan();
  }

  private static String pick(String a, String b) {
    return a.length() >= b.length() ? a : b;
  }
}
