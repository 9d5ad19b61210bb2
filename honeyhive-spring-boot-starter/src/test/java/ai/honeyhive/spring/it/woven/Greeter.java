package ai.honeyhive.spring.it.woven;

import ai.honeyhive.annotations.TraceChain;

/** A bean class the test weaves with ajc (as a user's build would) and also leaves plain. */
public class Greeter {
  @TraceChain
  public String greet(String name) {
    return "hello " + name;
  }
}
