package ai.honeyhive;

import java.util.Map;

/**
 * One traced call in progress: an event of the session tree that has started and not yet ended.
 *
 * <p>Started by {@link Tracer#startSpan}, it is the current event of its thread until
 * {@link #end()}, so traced calls made meanwhile become its children. End it on the thread that
 * started it, in a {@code try}/{@code finally} or try-with-resources. Values passed to the setters
 * are captured when passed: later changes to the objects are not seen. Setters called after
 * {@link #end()} are ignored. No method throws.
 *
 * <p>Limits: every value passed to a setter, of any type, and the key it goes under spend from
 * the event's byte budget ({@code HH_MAX_EVENT_BYTES}). Once it is spent the maps stop growing: a
 * new key is left out and counted in {@code metadata.honeyhive_truncated}; a key already set can
 * still be given a new value (the old one gives back what it took). A {@code null} key is
 * recorded as {@code "null"} (with a warning); keys and event names longer than 1,024 characters
 * are cut (counted).
 *
 * <p>Inside a traced method, {@link HoneyHive#currentSpan()} is the method's own event: enrich it
 * with what only your code knows (token counts, cost, scores, user ids). Don't end a span you did
 * not start; the tracer ends it.
 */
public interface Span extends AutoCloseable {

  /** The key a return value that is not a {@code Map} is recorded under in {@code outputs}. */
  String RESULT_KEY = "result";
  /** The {@code metadata} key of a model call's prompt (input) token count. */
  String PROMPT_TOKENS = "prompt_tokens";
  /** The {@code metadata} key of a model call's completion (output) token count. */
  String COMPLETION_TOKENS = "completion_tokens";
  /** The {@code metadata} key of a model call's total token count. */
  String TOTAL_TOKENS = "total_tokens";
  /** The {@code metadata} key of a call's cost, in US dollars. */
  String COST = "cost";

  /** This span's id: the {@code event_id} it is sent to HoneyHive with. */
  String spanId();

  /** The id of the session this event belongs to ({@code session_id}). */
  String sessionId();

  Span setInput(String name, Object value);

  Span setInputs(Map<String, ?> inputs);

  /**
   * Records {@code value} as the outputs: a {@code Map} as is, anything else under
   * {@link #RESULT_KEY}. Called inside a traced method, it replaces what the method returns as the
   * event's outputs.
   */
  Span setOutput(Object value);

  /** Adds to {@code config}: how the call was made (model, provider, hyperparameters, prompt template). */
  Span setConfig(String key, Object value);

  /** Adds to {@code metadata}: anything else about the call. */
  Span setMetadata(String key, Object value);

  /** Adds to {@code metrics}: a score or measurement of the call, e.g. a latency or a relevance score. */
  Span setMetric(String key, Object value);

  /** Adds to {@code feedback}: a user's or reviewer's judgement, e.g. {@code rating} or {@code liked}. */
  Span setFeedback(String key, Object value);

  /** Adds to {@code user_properties}: who the call was made for, e.g. {@code user_id}. */
  Span setUserProperty(String key, Object value);

  /**
   * Records a model call's token usage in {@code metadata} as {@link #PROMPT_TOKENS},
   * {@link #COMPLETION_TOKENS} and {@link #TOTAL_TOKENS} (their sum).
   */
  default Span setTokenUsage(long promptTokens, long completionTokens) {
    return setTokenUsage(promptTokens, completionTokens, promptTokens + completionTokens);
  }

  /** Records a model call's token usage in {@code metadata}, with the total the provider reported. */
  default Span setTokenUsage(long promptTokens, long completionTokens, long totalTokens) {
    return setMetadata(PROMPT_TOKENS, promptTokens)
        .setMetadata(COMPLETION_TOKENS, completionTokens)
        .setMetadata(TOTAL_TOKENS, totalTokens);
  }

  /** Records what the call cost, in US dollars, in {@code metadata} under {@link #COST}. */
  default Span setCost(double usd) {
    return setMetadata(COST, usd);
  }

  /** Records the error as {@code "<exception class>: <message>"}. */
  Span recordError(Throwable error);

  /** Ends the event, restoring the thread's previous event as current. Idempotent. */
  void end();

  /** Same as {@link #end()}. */
  @Override
  default void close() {
    end();
  }
}
