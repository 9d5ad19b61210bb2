package org.apache.fake;

import ai.honeyhive.annotations.TraceTool;

/** Annotated, but in a package the agent leaves alone unless told otherwise. */
public class FrameworkThing {
  @TraceTool
  public String work() {
    return "worked";
  }
}
