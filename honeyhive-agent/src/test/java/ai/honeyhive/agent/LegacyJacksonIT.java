package ai.honeyhive.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The agent's Jackson is relocated: an application with its own, older Jackson keeps it. */
class LegacyJacksonIT {

  @Test
  void anApplicationWithAnOlderJacksonWorksAndIsTraced() throws IOException {
    List<Path> jackson;
    try (Stream<Path> jars = Files.list(ChildJvm.LEGACY_JACKSON)) {
      jackson = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
    assertThat(jackson).hasSize(3);
    Path[] compileClasspath = Stream.concat(Stream.of(ChildJvm.annotations()), jackson.stream()).toArray(Path[]::new);
    Path classes = ChildJvm.javac(ChildJvm.sources(ChildJvm.APPS.resolve("jackson")),
        ChildJvm.workDir("jackson-classes"), compileClasspath);

    ChildJvm.Result run = new ChildJvm.Launch(ChildJvm.workDir("jackson-run"), "com.example.jackson.JacksonApp")
        .agent().classpath(classes).classpath(jackson.toArray(Path[]::new)).run();

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.stderr()).isEmpty();
    // the application's own Jackson, with its own annotations honoured
    assertThat(run.stdout()).contains("jackson 2.12.7")
        .contains("\"order_id\":\"sku-1-order\"").contains("\"quantity\":3");

    List<JsonNode> batches = run.batches("traces.jsonl");
    assertThat(batches).hasSize(1);
    JsonNode tree = SessionTrees.of(batches.get(0));
    assertThat(SessionTrees.shape(tree)).isEqualTo("chain checkout[tool parse_reply, tool place_order]");
    assertThat(tree.at("/0/outputs/result").asText()).contains("\"order_id\":\"sku-1-order\"");
    // the application's JsonNode (a class the agent's relocated Jackson does not know) as its JSON
    assertThat(tree.at("/0/children/0/outputs/result").toString())
        .isEqualTo("{\"role\":\"assistant\",\"tool_calls\":[{\"name\":\"place\",\"n\":[1,2]}]}");
    // an application object, read through its properties
    assertThat(tree.at("/0/children/1/outputs/result/quantity").asInt()).isEqualTo(3);
    assertThat(tree.at("/0/children/1/inputs/arg0").asText()).isEqualTo("sku-1");
  }
}
