package ai.honeyhive.langchain4j.internal;

import ai.honeyhive.internal.IntegrationFailures;

/** This module's failures, counted and logged by {@link IntegrationFailures}. Not public API. */
public final class Failures {
  private Failures() {}

  public static void contain(String where, Throwable t) {
    IntegrationFailures.contain("LangChain4j", where, t);
  }

  /** How many times recording failed; for tests. */
  public static long count() {
    return IntegrationFailures.count("LangChain4j");
  }
}
