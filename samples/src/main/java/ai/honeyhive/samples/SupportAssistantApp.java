package ai.honeyhive.samples;

import java.util.List;

/**
 * Runs the assistant on two questions. With no HH_API_KEY the traces are printed as trees and
 * appended to honeyhive-traces.jsonl; with one (and HH_PROJECT) they go to HoneyHive. Nothing else
 * is needed: the woven annotations start the tracer, and its shutdown hook delivers on exit.
 */
public final class SupportAssistantApp {
  private SupportAssistantApp() {}

  public static void main(String[] args) {
    SupportAssistant assistant = new SupportAssistant();
    for (String question : List.of("How long do refunds take?", "When do orders ship?")) {
      System.out.println(question + " -> " + assistant.answer(question).get("answer"));
    }
  }
}
