package ai.honeyhive.samples;

import java.util.List;

/** A deterministic stand-in for an LLM: no network, same answer for the same prompt. */
final class StubModel {
  String complete(String system, List<String> context, String question) {
    String best = context.isEmpty() ? "I could not find anything about that." : context.get(0);
    return "Answer to \"" + question + "\": " + best;
  }

  /** A crude token count: words. */
  static int tokens(String text) {
    String t = text.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }
}
