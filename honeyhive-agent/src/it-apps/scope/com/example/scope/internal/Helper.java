package com.example.scope.internal;

import ai.honeyhive.annotations.TraceTool;

public class Helper {
  @TraceTool
  public String help() {
    return "helped";
  }
}
