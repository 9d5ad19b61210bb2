package ai.honeyhive.samples;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs the assistant on two questions. With no HH_API_KEY the traces are printed as trees and
 * appended to honeyhive-traces.jsonl; with one (and HH_PROJECT) they go to HoneyHive. Nothing else
 * is needed: the woven annotations start the tracer, and its shutdown hook delivers on exit.
 */
public final class SupportAssistantApp {
  private SupportAssistantApp() {}

  public static void main(String[] args) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      SupportAssistant assistant = new SupportAssistant(pool);
      for (String question : List.of("How long do refunds take?", "When do orders ship?")) {
        System.out.println(question + " -> " + assistant.answer(question, "customer-42").get("answer"));
      }
    } finally {
      pool.shutdown();
    }
  }
}
