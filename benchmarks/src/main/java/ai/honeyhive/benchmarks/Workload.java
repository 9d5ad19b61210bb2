package ai.honeyhive.benchmarks;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.annotations.TraceModel;
import ai.honeyhive.annotations.TraceTool;
import java.util.List;
import java.util.Map;

/**
 * The traced code the benchmarks call. The annotated methods are woven by ajc at build time, as
 * in a user's build; {@link #lookupUnwoven} is the same body without an annotation, so it stays
 * unwoven and is the baseline. The bodies allocate nothing, so any bytes per call the profiler
 * reports come from tracing.
 */
public class Workload {

  /** A tool with two small String arguments returning a String. */
  @TraceTool
  public String lookup(String query, String filter) {
    return pick(query, filter);
  }

  /** {@link #lookup}'s body, not annotated and so not woven. */
  public String lookupUnwoven(String query, String filter) {
    return pick(query, filter);
  }

  /** A session: this chain is the root; it calls three tools, then the model. */
  @TraceChain
  public String answer(String question, String user) {
    String docs = search(question, user);
    String ranked = rerank(question, docs);
    String prompt = format(question, ranked);
    return complete(prompt, user);
  }

  @TraceTool
  public String search(String query, String index) {
    return pick(query, index);
  }

  @TraceTool
  public String rerank(String query, String docs) {
    return pick(docs, query);
  }

  @TraceTool
  public String format(String question, String context) {
    return pick(question, context);
  }

  @TraceModel(model = "gpt-4o-mini", provider = "openai")
  public String complete(String prompt, String system) {
    return pick(prompt, system);
  }

  private static String pick(String a, String b) {
    return a.length() >= b.length() ? a : b;
  }

  /**
   * A model call as an application makes it: a chat-message list in, the provider's answer out,
   * the token usage recorded on the event (as the OpenAI and LangChain4j integrations do).
   */
  @TraceModel(model = "gpt-4o-mini", provider = "openai")
  public ChatAnswer chat(List<Map<String, String>> messages) {
    ChatAnswer reply = preparedReply;
    HoneyHive.currentSpan().setTokenUsage(reply.promptTokens(), reply.completionTokens());
    return reply;
  }

  /** {@link #chat}'s body, less the tracer's token usage: not annotated and so not woven. */
  public ChatAnswer chatUnwoven(List<Map<String, String>> messages) {
    return preparedReply;
  }

  /** What the "provider" answers {@link #chat}: made once, so the call itself allocates nothing. */
  ChatAnswer preparedReply;

  /** What a chat completion returns: the answer and the usage. */
  public record ChatAnswer(String role, String content, int promptTokens, int completionTokens) {}
}
