package ai.honeyhive.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample application (samples/src/main/java), compiled with plain javac (it uses the
 * annotations and the programmatic API, so it compiles against honeyhive-aspects) and run with
 * nothing on its class path but its own classes: the agent brings the rest.
 */
class SampleAppIT {
  private static final String MAIN = "ai.honeyhive.samples.SupportAssistantApp";
  private static final String SHAPE = "chain support_question[model generate_answer, tool postprocess,"
      + " tool retrieve_documents, tool search_faq, tool web_search]";
  private static Path plain;

  @BeforeAll
  static void compileTheSample() {
    Path dir = ChildJvm.workDir("sample-classes");
    plain = ChildJvm.javac(ChildJvm.sources(ChildJvm.SAMPLES), dir, ChildJvm.sampleCompileClasspath());
  }

  @Test
  void theSampleBuiltWithPlainJavacIsTracedLikeTheCompileTimeWovenSample() {
    ChildJvm.Result agent = new ChildJvm.Launch(ChildJvm.workDir("sample-agent"), MAIN)
        .agent().classpath(plain).run();
    Path woven = ChildJvm.ajcWeave(plain, ChildJvm.workDir("sample-woven-classes"));
    ChildJvm.Result compileTime = new ChildJvm.Launch(ChildJvm.workDir("sample-ctw"), MAIN)
        .classpath(woven).classpath(classPathOfThisTest()).run();

    assertThat(agent.exitCode()).as("%s", agent).isZero();
    assertThat(compileTime.exitCode()).as("%s", compileTime).isZero();
    // the application behaves the same and the agent says nothing
    assertThat(agent.stdout().lines().filter(l -> l.contains(" -> ")))
        .containsExactlyElementsOf(compileTime.stdout().lines().filter(l -> l.contains(" -> ")).toList())
        .hasSize(2);
    assertThat(agent.stderr()).isEmpty();
    // the console tree, as the README shows it
    assertThat(agent.stdout()).contains("`-- chain support_question",
        "|-- tool web_search", "ERROR java.io.IOException: search backend unavailable (HTTP 503)");

    List<JsonNode> byAgent = agent.batches("traces.jsonl");
    List<JsonNode> byAjc = compileTime.batches("traces.jsonl");
    assertThat(byAgent).hasSize(2);
    assertThat(byAjc).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonNode tree = SessionTrees.of(byAgent.get(i));
      assertThat(SessionTrees.shape(tree)).isEqualTo(SHAPE);
      assertThat(tree).isEqualTo(SessionTrees.of(byAjc.get(i)));
    }
    JsonNode first = SessionTrees.of(byAgent.get(0)).get(0);
    assertThat(first.at("/children/4/error").asText())
        .isEqualTo("java.io.IOException: search backend unavailable (HTTP 503)");
    assertThat(first.at("/children/0/config/model").asText()).isEqualTo("stub-gpt-1");
    assertThat(first.at("/children/0/metadata/total_tokens").asInt()).isPositive();
    assertThat(first.at("/inputs").toString()).contains("How long do refunds take?");
    for (int i = 0; i < 2; i++) {
      JsonNode session = byAgent.get(i).get("session_properties");
      assertThat(session.get("session_name").asText()).isEqualTo("support_question");
      assertThat(session.get("user_properties")).isEqualTo(byAjc.get(i).at("/session_properties/user_properties"));
      assertThat(session.at("/user_properties/customer_id").asText()).isEqualTo("customer-42");
    }
  }

  @Test
  void theSampleCompiledForJava25RunsTracedOnJdk25() throws Exception {
    Path java = ChildJvm.JDK25.resolve("bin/java");
    assumeTrue(Files.isExecutable(java), "JDK 25 not installed at " + ChildJvm.JDK25);
    // class files of version 69, which only a weaver that knows Java 25 can read
    Path classes = ChildJvm.workDir("sample-classes-25");
    List<String> command = new ArrayList<>(List.of(ChildJvm.JDK25.resolve("bin/javac").toString(),
        "--release", "25", "-d", classes.toString(), "-cp", ChildJvm.join(List.of(ChildJvm.sampleCompileClasspath()))));
    ChildJvm.sources(ChildJvm.SAMPLES).forEach(p -> command.add(p.toString()));
    Process javac = new ProcessBuilder(command).inheritIO().start();
    assertThat(javac.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(javac.exitValue()).isZero();

    ChildJvm.Result run = new ChildJvm.Launch(ChildJvm.workDir("sample-agent-25"), MAIN)
        .java(java).agent().classpath(classes).run();

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.batches("traces.jsonl")).hasSize(2)
        .allSatisfy(b -> assertThat(SessionTrees.shape(SessionTrees.of(b))).isEqualTo(SHAPE));
    // JDK 24+ warns once that AspectJ's weaver uses sun.misc.Unsafe (see docs/agent.md); nothing else
    assertThat(run.stderrLines()).allSatisfy(l -> assertThat(l).startsWith("WARNING: "));
  }

  @Test
  void withTracingDisabledNothingIsWovenOrWritten() {
    ChildJvm.Result run = new ChildJvm.Launch(ChildJvm.workDir("sample-disabled"), MAIN)
        .agent().classpath(plain).env("HH_DISABLE_TRACING", "true").run();

    assertThat(run.exitCode()).as("%s", run).isZero();
    // the programmatic API the sample calls is there (from the agent jar) and simply does nothing
    assertThat(run.stdout()).contains("How long do refunds take? -> ").doesNotContain("[honeyhive]");
    assertThat(run.batches("traces.jsonl")).isEmpty();
    assertThat(run.stderr()).isEmpty();
  }

  private static Path[] classPathOfThisTest() {
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .map(Path::of).toArray(Path[]::new);
  }
}
