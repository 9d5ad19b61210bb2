package com.example.configured;

public final class Formatter {
  public static final class Inner {
    public String format(String text) {
      return "[" + text.trim() + "]";
    }
  }
}
