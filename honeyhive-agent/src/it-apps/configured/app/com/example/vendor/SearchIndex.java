package com.example.vendor;

public class SearchIndex {
  public String query(String text, int limit) {
    return limit + " docs for " + text;
  }

  /** Not configured: never traced. */
  public int size() {
    return 42;
  }
}
