package ai.honeyhive.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Classes without any annotation, traced because the agent's configuration file names their methods. */
class ConfiguredMethodsIT {
  private static final Path APP = ChildJvm.APPS.resolve("configured");

  @Test
  void methodsNamedInTheConfigurationFileAreTracedAsTheTypeAndNameGiven() {
    Path classes = ChildJvm.javac(ChildJvm.sources(APP.resolve("app")), ChildJvm.workDir("configured-classes"));
    Path plugin = ChildJvm.javac(ChildJvm.sources(APP.resolve("plugin")), ChildJvm.workDir("configured-plugin"));

    ChildJvm.Result run = new ChildJvm.Launch(ChildJvm.workDir("configured-run"), "com.example.configured.ConfiguredApp")
        .agent(APP.resolve("honeyhive.properties").toString())
        .classpath(classes).arg(plugin.toString()).run();

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.stderr()).isEmpty();
    assertThat(run.stdout()).contains("plugin ran", "[answer(").contains("(checked)]");
    assertThat(run.batches("traces.jsonl")).hasSize(1);
    JsonNode batch = run.batches("traces.jsonl").get(0);
    JsonNode tree = SessionTrees.of(batch);
    // an interface's entry traces its implementation; a nested class; a class in a default-excluded
    // framework package; a class loaded by the application's own class loader
    assertThat(SessionTrees.shape(tree)).isEqualTo("chain handle_request[model complete, tool format,"
        + " tool plugin, tool search, model spring_chat]");
    JsonNode root = tree.get(0);
    assertThat(root.at("/inputs/arg0").asText()).isEqualTo("what is the refund policy?");
    JsonNode search = root.at("/children/3");
    assertThat(search.at("/inputs/arg1").asInt()).isEqualTo(3);
    assertThat(search.at("/outputs/result").asText()).isEqualTo("3 docs for what is the refund policy?");
    assertThat(root.at("/children/1/outputs/result").asText()).startsWith("[answer(");
    // the library's settings came from the same file
    assertThat(batch.at("/events/0/project").asText()).isEqualTo("from-file");
    assertThat(batch.at("/session_properties/source").asText()).isEqualTo("it");
  }
}
