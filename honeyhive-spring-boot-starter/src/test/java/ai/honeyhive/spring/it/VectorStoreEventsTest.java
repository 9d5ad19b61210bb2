package ai.honeyhive.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.honeyhive.Tracer;
import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.test.HoneyHiveStandIn;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real {@link SimpleVectorStore} with Spring AI's OpenAI embedding model against the local stub:
 * a similarity search is a tool event (the retrieval step) holding the query and the documents
 * found, with the query's embedding call as a model event under it.
 */
@SpringBootTest(classes = VectorStoreEventsTest.App.class)
@DirtiesContext
@Timeout(60)
class VectorStoreEventsTest {
  static final StandIns SERVERS = StandIns.withOpenAi();
  static final HoneyHiveStandIn HONEYHIVE = SERVERS.honeyhive();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    SERVERS.register(r);
    r.add("spring.ai.openai.embedding.options.model", () -> OpenAiStub.EMBEDDING_MODEL);
  }

  @AfterAll
  static void stop() {
    SERVERS.close();
  }

  @Autowired
  Retriever retriever;
  @Autowired
  Tracer tracer;

  @Test
  void aSimilaritySearchIsAToolEventWithTheQueryAndTheDocumentsFound() {
    List<Document> found = retriever.search("How long do refunds take?");
    assertThat(found).extracting(Document::getId).first().isEqualTo("refunds");
    assertThat(tracer.flush(Duration.ofSeconds(10))).isTrue();

    Event search = await().until(() -> SERVERS.named("search"), e -> e != null);
    List<Event> session = HONEYHIVE.events().stream().filter(e -> e.sessionId().equals(search.sessionId())).toList();
    List<Event> stores = session.stream().filter(e -> search.eventId().equals(e.parentId())).toList();
    assertThat(stores).hasSize(1);
    Event query = stores.get(0);
    assertThat(query.eventType()).isEqualTo(EventType.TOOL);
    assertThat(query.eventName()).isEqualTo("simple query");
    assertThat(query.config()).containsEntry("db_system", "simple").containsEntry("operation", "query")
        .containsEntry("top_k", 1);
    assertThat(query.inputs()).containsEntry("query", "How long do refunds take?");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> documents = (List<Map<String, Object>>) query.outputs().get("documents");
    assertThat(documents).hasSize(1);
    assertThat(documents.get(0)).containsEntry("id", "refunds").containsEntry("text", "Refunds take five days.");
    assertThat(((Number) documents.get(0).get("score")).doubleValue()).isGreaterThan(0.99);

    // the query's embedding: a model event under the search
    List<Event> embeddings = session.stream().filter(e -> query.eventId().equals(e.parentId())).toList();
    assertThat(embeddings).hasSize(1);
    Event embedding = embeddings.get(0);
    assertThat(embedding.eventType()).isEqualTo(EventType.MODEL);
    assertThat(embedding.eventName()).isEqualTo("openai.embedding");
    assertThat(embedding.config()).containsEntry("model", OpenAiStub.EMBEDDING_MODEL);
    assertThat(((Number) embedding.metadata().get("prompt_tokens")).longValue()).isEqualTo(5);
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    SimpleVectorStore vectorStore(EmbeddingModel embeddings, ObservationRegistry observations) {
      SimpleVectorStore store = SimpleVectorStore.builder(embeddings).observationRegistry(observations).build();
      store.add(List.of(new Document("refunds", "Refunds take five days.", Map.of()),
          new Document("shipping", "Orders ship within a day.", Map.of())));
      return store;
    }

    @Bean
    Retriever retriever(VectorStore store) {
      return new Retriever(store);
    }
  }

  public static class Retriever {
    private final VectorStore store;

    Retriever(VectorStore store) {
      this.store = store;
    }

    @TraceChain
    public List<Document> search(String question) {
      return store.similaritySearch(SearchRequest.builder().query(question).topK(1).build());
    }
  }
}
