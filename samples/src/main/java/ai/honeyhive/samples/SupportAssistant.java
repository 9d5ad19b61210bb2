package ai.honeyhive.samples;

import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.annotations.TraceModel;
import ai.honeyhive.annotations.TraceTool;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A retrieval-augmented support assistant: retrieve from the knowledge base, try a web search
 * (which is down, and the chain copes), ask the model, tidy the answer.
 */
public class SupportAssistant {
  private static final String SYSTEM_PROMPT = "Answer using only the provided context.";

  private final KnowledgeBase knowledgeBase = new KnowledgeBase();
  private final StubModel model = new StubModel();

  @TraceChain(name = "support_question")
  public Map<String, Object> answer(String question) {
    List<String> context = new ArrayList<>(retrieveDocuments(question, 2));
    try {
      context.addAll(searchWeb(question));
    } catch (IOException e) {
      // the web is optional: answer from the knowledge base alone
    }
    String draft = generate(SYSTEM_PROMPT, context, question);
    return Map.of("answer", postprocess(draft), "sources", context.size());
  }

  @TraceTool(name = "retrieve_documents")
  public List<String> retrieveDocuments(String query, int topK) {
    return knowledgeBase.search(query, topK).stream().map(KnowledgeBase.Document::text).toList();
  }

  @TraceTool(name = "web_search")
  public List<String> searchWeb(String query) throws IOException {
    throw new IOException("search backend unavailable (HTTP 503)");
  }

  @TraceModel(name = "generate_answer", model = "stub-gpt-1", provider = "local")
  public String generate(String systemPrompt, List<String> context, String question) {
    return model.complete(systemPrompt, context, question);
  }

  @TraceTool(name = "postprocess")
  public String postprocess(String draft) {
    return draft.strip().replaceAll("\\s+", " ");
  }
}
