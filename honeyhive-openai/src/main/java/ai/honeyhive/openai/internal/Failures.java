package ai.honeyhive.openai.internal;

import ai.honeyhive.internal.IntegrationFailures;

/** This module's failures, counted and logged by {@link IntegrationFailures}. Not public API. */
final class Failures {
  private Failures() {}

  static void contain(String where, Throwable t) {
    IntegrationFailures.contain("OpenAI", where, t);
  }
}
