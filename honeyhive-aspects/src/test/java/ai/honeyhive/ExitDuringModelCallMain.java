package ai.honeyhive;

import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.annotations.TraceModel;
import java.util.concurrent.CountDownLatch;

/**
 * A woven app that calls {@code System.exit} while a traced model call (3 s, like a real LLM
 * call) runs on another thread: the shutdown hook has to wait for it and deliver the session.
 * With the argument {@code reconfigure} it first replaces the process-wide tracer, so the session
 * in flight belongs to a tracer shutting down in the background, which the hook waits for.
 * Run in a child JVM by {@link ExitDuringModelCallTest}.
 */
public final class ExitDuringModelCallMain {
  private static final CountDownLatch MODEL_CALL_STARTED = new CountDownLatch(1);

  private ExitDuringModelCallMain() {}

  static final class Assistant {
    @TraceChain(name = "assistant-turn")
    String turn(String question) {
      return complete("q: " + question);
    }

    @TraceModel(model = "slow-model")
    String complete(String prompt) {
      MODEL_CALL_STARTED.countDown();
      try {
        Thread.sleep(3_000);   // the model's latency, not synchronisation
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "answer to " + prompt;
    }
  }

  public static void main(String[] args) throws InterruptedException {
    Thread turn = new Thread(() -> System.out.println("turn returned: " + new Assistant().turn("why")), "assistant");
    turn.start();
    MODEL_CALL_STARTED.await();
    if (args.length > 0 && args[0].equals("reconfigure")) {
      // the session in flight belongs to the tracer replaced here: it shuts down in the background
      HoneyHive.configure(ai.honeyhive.config.HoneyHiveConfig.fromEnvironment());
      System.out.println("replaced the tracer during the model call");
    }
    System.out.println("exiting during the model call");
    System.exit(0);
  }
}
