package ai.honeyhive.transport.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.transport.internal.JsonMappers;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.EventType;
import ai.honeyhive.transport.model.SessionProperties;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalExportersTest {

  static BatchRequest sampleSession() {
    String s = "s-1";
    Event root = event("c-1", s, EventType.CHAIN, "answer", List.of("t-1", "t-2"), null, 12.5);
    Event tool = event("t-1", "c-1", EventType.TOOL, "retrieve", List.of(), null, 1.25);
    Event failing = event("t-2", "c-1", EventType.TOOL, "search", List.of(), "java.io.IOException: timeout", 0.5);
    SessionProperties props = new SessionProperties("dev", "answer", s, Map.of(), Map.of(), Map.of(), null,
        Map.of(), Map.of(), Map.of(), Map.of());
    return BatchRequest.ofSession(props, List.of(root, tool, failing));
  }

  private static Event event(String id, String parent, EventType type, String name, List<String> children,
      String error, double duration) {
    return Event.builder().project("p").eventId(id).sessionId("s-1").parentId(parent).eventType(type)
        .eventName(name).childrenIds(children).error(error).duration(duration)
        .inputs(Map.of("q", "x")).outputs(Map.of("result", "y")).build();
  }

  @Test
  void consolePrintsAnIndentedTreeWithTypesDurationsAndErrors() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleExporter console = ConsoleExporter.create(new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
        "banner line");
    console.export(List.of(sampleSession())).join();
    console.export(List.of(sampleSession())).join();

    String nl = System.lineSeparator();
    String tree = "[honeyhive] session answer (s-1) project=p source=dev, 3 events" + nl
        + "`-- chain answer  12.50 ms" + nl
        + "    |-- tool retrieve  1.25 ms" + nl
        + "    `-- tool search  0.50 ms  ERROR java.io.IOException: timeout" + nl;
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("banner line" + nl + tree + tree);
  }

  @Test
  void verboseConsoleShowsInputsAndOutputs() {
    ConsoleExporter console = ConsoleExporter.create(System.out, true, null);
    assertThat(console.render(sampleSession())).contains("inputs={q=x}").contains("outputs={result=y}");
  }

  @Test
  void jsonlWritesOneBatchRequestPerLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("nested/traces.jsonl");
    JsonlFileExporter jsonl = JsonlFileExporter.create(file);
    assertThat(file).doesNotExist();
    jsonl.export(List.of(sampleSession(), sampleSession())).join();
    jsonl.export(List.of(sampleSession())).join();
    jsonl.shutdown().join();

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(3);
    for (String line : lines) {
      BatchRequest back = JsonMappers.mapper().readValue(line, BatchRequest.class);
      assertThat(back).isEqualTo(sampleSession());
    }
    assertThat(jsonl.export(List.of(sampleSession()))).isCompletedExceptionally();
  }

  @Test
  void inMemoryKeepsBatchesInOrder() {
    InMemoryExporter memory = new InMemoryExporter();
    memory.export(List.of(sampleSession())).join();
    assertThat(memory.batches()).containsExactly(sampleSession());
    assertThat(memory.events()).extracting(Event::eventName).containsExactly("answer", "retrieve", "search");
    memory.reset();
    assertThat(memory.batches()).isEmpty();
  }

  @Test
  void compositeFansOutAndReportsFailure() {
    InMemoryExporter a = new InMemoryExporter();
    InMemoryExporter b = new InMemoryExporter();
    EventExporter failing = batches -> java.util.concurrent.CompletableFuture.failedFuture(new RuntimeException("x"));
    EventExporter composite = EventExporter.composite(a, failing, b);
    assertThat(composite.export(List.of(sampleSession()))).isCompletedExceptionally();
    assertThat(a.batches()).hasSize(1);
    assertThat(b.batches()).hasSize(1);
  }
}
