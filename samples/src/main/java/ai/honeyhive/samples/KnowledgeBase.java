package ai.honeyhive.samples;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** A tiny in-memory document store standing in for a vector index. */
final class KnowledgeBase {
  record Document(String id, String text) {}

  private final List<Document> documents = List.of(
      new Document("kb-1", "Refunds are issued to the original payment method within 5 business days."),
      new Document("kb-2", "Orders ship within 24 hours; tracking numbers are e-mailed at dispatch."),
      new Document("kb-3", "Support is available Monday to Friday, 9:00 to 17:00 CET."),
      new Document("kb-4", "Damaged items can be returned free of charge within 30 days."));

  /** Ranks documents by how many of the query's words they contain. */
  List<Document> search(String query, int k) {
    String[] words = query.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", "").split("\\s+");
    return documents.stream()
        .sorted(Comparator.comparingInt((Document d) -> -score(d, words)).thenComparing(Document::id))
        .limit(k)
        .toList();
  }

  private static int score(Document d, String[] words) {
    String text = d.text().toLowerCase(Locale.ROOT);
    int score = 0;
    for (String w : words) {
      if (w.length() > 3 && text.contains(w)) {
        score++;
      }
    }
    return score;
  }
}
