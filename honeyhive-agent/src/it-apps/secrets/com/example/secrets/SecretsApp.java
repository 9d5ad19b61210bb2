package com.example.secrets;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.annotations.TraceModel;
import java.time.Duration;
import java.util.Map;

/**
 * An application whose traced calls carry secrets a user might paste into a prompt or pass as
 * arguments, and that flushes before it exits, so its sessions are sent while logging still works
 * (java.util.logging closes its handlers when the JVM starts to exit).
 */
public class SecretsApp {
  public static void main(String[] args) {
    SecretsApp app = new SecretsApp();
    System.out.println("answer: " + app.ask(args.length > 0 ? args[0] : "hello",
        Map.of("db_password", "hunter2-db", "max_tokens", 256)));
    System.out.println("flushed: " + HoneyHive.flush(Duration.ofSeconds(30)));
  }

  @TraceChain(name = "ask")
  public String ask(String prompt, Map<String, Object> options) {
    return complete("You are helpful.\n" + prompt);
  }

  @TraceModel(name = "complete")
  public String complete(String prompt) {
    return "echo: " + prompt;
  }
}
