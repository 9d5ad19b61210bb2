package ai.honeyhive.test;

/**
 * Entry points of the trace assertions, in the AssertJ style:
 * <pre>{@code
 * assertThat(traces.session("support"))
 *     .root().isChain().hasName("answer")
 *     .child("retrieve").isTool().hasInput("query", "refunds").parent()
 *     .child("complete").isModel().hasModel("gpt-4o").hasTokenUsage(35, 23);
 * }</pre>
 * A failure says what was expected and prints the session's tree with the event in question
 * marked ({@code <-- }).
 */
public final class TraceAssertions {
  private TraceAssertions() {}

  public static SessionAssert assertThat(RecordedSession session) {
    return new SessionAssert(session);
  }
}
