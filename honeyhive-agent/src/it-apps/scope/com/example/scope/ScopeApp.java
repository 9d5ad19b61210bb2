package com.example.scope;

import ai.honeyhive.annotations.TraceChain;
import com.example.scope.internal.Helper;
import org.apache.fake.FrameworkThing;

public class ScopeApp {
  public static void main(String[] args) {
    System.out.println(new ScopeApp().run());
  }

  @TraceChain
  public String run() {
    return new Helper().help() + " " + new FrameworkThing().work();
  }
}
