package ai.honeyhive.spring.internal;

import ai.honeyhive.Span;
import io.micrometer.observation.Observation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;

/**
 * What a vector-store observation records on its tool event: the store and operation in
 * {@code config}; for a query, the query text ({@code inputs.query}), {@code top_k}, the similarity
 * threshold and filter, and the documents found ({@code outputs.documents}: id, score, text), which
 * is what a HoneyHive user reads in a retrieval step. Loaded only when Spring AI's vector-store
 * module is on the class path (the handler checks the context's class by name first). Not public API.
 */
final class VectorStoreEvents {
  private VectorStoreEvents() {}

  /** {@code <store> <operation>}, e.g. {@code simple query}, as Spring AI's own convention names it. */
  static String name(Observation.Context c) {
    VectorStoreObservationContext v = (VectorStoreObservationContext) c;
    String store = v.getDatabaseSystem();
    String operation = v.getOperationName();
    return store == null ? "vector_store " + operation : store + " " + operation;
  }

  static void recordStart(Observation.Context c, Span span) {
    VectorStoreObservationContext v = (VectorStoreObservationContext) c;
    putIfSet(span, "db_system", v.getDatabaseSystem());
    putIfSet(span, "operation", v.getOperationName());
    putIfSet(span, "collection", v.getCollectionName());
    putIfSet(span, "namespace", v.getNamespace());
    putIfSet(span, "dimensions", v.getDimensions());
    putIfSet(span, "similarity_metric", v.getSimilarityMetric());
    SearchRequest q = v.getQueryRequest();
    if (q != null) {
      span.setInput("query", q.getQuery());
      span.setConfig("top_k", q.getTopK());
      span.setConfig("similarity_threshold", q.getSimilarityThreshold());
      if (q.hasFilterExpression()) {
        span.setConfig("filter", String.valueOf(q.getFilterExpression()));
      }
    }
  }

  static void recordStop(Observation.Context c, Span span) {
    List<Document> found = ((VectorStoreObservationContext) c).getQueryResponse();
    if (found == null) {
      return;
    }
    List<Map<String, Object>> documents = new ArrayList<>(found.size());
    for (Document d : found) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("id", d.getId());
      if (d.getScore() != null) {
        doc.put("score", d.getScore());
      }
      doc.put("text", d.getText());
      documents.add(doc);
    }
    span.setOutput(Map.of("documents", documents));
  }

  private static void putIfSet(Span span, String key, Object value) {
    if (value != null) {
      span.setConfig(key, value);
    }
  }
}
