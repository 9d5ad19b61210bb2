package ai.honeyhive.test;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.Session;
import ai.honeyhive.Tracer;
import ai.honeyhive.SpanKind;
import java.util.List;
import java.util.Map;

/** A traced pipeline, as the annotations would record it, through the process-wide tracer. */
final class Pipeline {
  private Pipeline() {}

  static String answer(String question) {
    return answer(HoneyHive.tracer(), question, false);
  }

  static String answer(Tracer t, String question, boolean toolFails) {
    try (Session s = t.startCurrentSession("support")) {
      return t.trace(SpanKind.CHAIN, "answer", Map.of("question", question), chain -> {
        List<String> docs;
        try {
          docs = t.trace(SpanKind.TOOL, "retrieve", Map.of("query", question), tool -> {
            if (toolFails) {
              throw new IllegalStateException("index offline");
            }
            return List.of("doc about " + question);
          });
        } catch (IllegalStateException e) {
          docs = List.of();
        }
        List<String> context = docs;
        return t.trace(SpanKind.MODEL, "complete", Map.of("context", context), model -> {
          model.setConfig("model", "gpt-4o").setConfig("provider", "openai").setTokenUsage(35, 23);
          return "answer from " + context;
        });
      });
    }
  }
}
