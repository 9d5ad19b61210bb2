package ai.honeyhive.samples;

import ai.honeyhive.HoneyHive;
import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.annotations.TraceModel;
import ai.honeyhive.annotations.TraceTool;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A retrieval-augmented support assistant: look things up in the knowledge base, the FAQ and on
 * the web in parallel (the web search is down, and the chain copes), ask the model, tidy the answer.
 */
public class SupportAssistant {
  private static final String SYSTEM_PROMPT = "Answer using only the provided context.";

  private final KnowledgeBase knowledgeBase = new KnowledgeBase();
  private final StubModel model = new StubModel();
  /** Wrapped, so the lookups run as children of the chain that submits them. */
  private final ExecutorService lookups;

  public SupportAssistant(ExecutorService lookups) {
    this.lookups = HoneyHive.taskWrapping(lookups);
  }

  @TraceChain(name = "support_question")
  public Map<String, Object> answer(String question, String customerId) throws InterruptedException {
    HoneyHive.currentSession().setUserProperty("customer_id", customerId);

    Future<List<String>> documents = lookups.submit(() -> retrieveDocuments(question, 2));
    Future<List<String>> faq = lookups.submit(() -> searchFaq(question));
    Future<List<String>> web = lookups.submit(() -> searchWeb(question));
    List<String> context = new ArrayList<>();
    context.addAll(resultOf(documents));
    context.addAll(resultOf(faq));
    try {
      context.addAll(web.get());
    } catch (ExecutionException e) {
      // the web is optional: answer from what the other lookups found
    }

    String draft = generate(SYSTEM_PROMPT, context, question);
    return Map.of("answer", postprocess(draft), "sources", context.size());
  }

  @TraceTool(name = "retrieve_documents")
  public List<String> retrieveDocuments(String query, int topK) {
    return knowledgeBase.search(query, topK).stream().map(KnowledgeBase.Document::text).toList();
  }

  @TraceTool(name = "search_faq")
  public List<String> searchFaq(String query) {
    return query.toLowerCase().contains("refund")
        ? List.of("FAQ: refunds need the order number.")
        : List.of();
  }

  @TraceTool(name = "web_search")
  public List<String> searchWeb(String query) throws IOException {
    throw new IOException("search backend unavailable (HTTP 503)");
  }

  @TraceModel(name = "generate_answer", model = "stub-gpt-1", provider = "local")
  public String generate(String systemPrompt, List<String> context, String question) {
    String completion = model.complete(systemPrompt, context, question);
    int promptTokens = StubModel.tokens(systemPrompt) + StubModel.tokens(String.join(" ", context))
        + StubModel.tokens(question);
    HoneyHive.currentSpan()
        .setTokenUsage(promptTokens, StubModel.tokens(completion))
        .setCost(promptTokens * 0.000001)
        .setMetric("context_documents", context.size());
    return completion;
  }

  @TraceTool(name = "postprocess")
  public String postprocess(String draft) {
    return draft.strip().replaceAll("\\s+", " ");
  }

  private static List<String> resultOf(Future<List<String>> lookup) throws InterruptedException {
    try {
      return lookup.get();
    } catch (ExecutionException e) {
      return List.of();
    }
  }
}
