package ai.honeyhive.test;

import org.assertj.core.api.Assertions;

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
 *
 * <p>It extends AssertJ's {@link Assertions}, so one {@code import static
 * ai.honeyhive.test.TraceAssertions.assertThat;} serves both.
 */
public class TraceAssertions extends Assertions {
  protected TraceAssertions() {}

  public static SessionAssert assertThat(RecordedSession session) {
    return new SessionAssert(session);
  }
}
