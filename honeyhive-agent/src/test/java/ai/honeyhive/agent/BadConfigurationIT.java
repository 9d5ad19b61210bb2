package ai.honeyhive.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bad entry is reported at start-up, naming the entry and what is wrong; the application then
 * runs untraced, or with HH_AGENT_STRICT=true the JVM stops before main.
 */
class BadConfigurationIT {
  private static final String MAIN = "ai.honeyhive.samples.SupportAssistantApp";
  private static final String BAD = "ai.honeyhive.samples.StubModel.complete=model";
  private static final String REPORT = "[honeyhive-agent] invalid entry '" + BAD
      + "' in environment variable HH_AGENT_TRACE_METHODS: it has no '#' between the class and the method name;"
      + " expected <class>#<method>=<type>[:<event name>], e.g. com.acme.llm.Client#complete=model";
  private static Path classes;

  @BeforeAll
  static void compile() {
    classes = ChildJvm.javac(ChildJvm.sources(ChildJvm.SAMPLES), ChildJvm.workDir("bad-classes"),
        ChildJvm.sampleCompileClasspath());
  }

  @Test
  void aBadEntryIsReportedAndTheApplicationRunsUntraced() {
    ChildJvm.Result run = new ChildJvm.Launch(ChildJvm.workDir("bad-continue"), MAIN)
        .agent().classpath(classes)
        .env("HH_AGENT_TRACE_METHODS", "ai.honeyhive.samples.StubModel#complete=model;" + BAD)
        .run();

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.stderrLines()).containsExactly(REPORT,
        "[honeyhive-agent] HoneyHive tracing is off: the application runs untraced"
            + " (HH_AGENT_STRICT=true stops the JVM instead)");
    assertThat(run.stdout()).contains("How long do refunds take? -> ", "When do orders ship? -> ")
        .doesNotContain("[honeyhive]");
    assertThat(run.batches("traces.jsonl")).isEmpty();
  }

  @Test
  void inStrictModeTheJvmStopsBeforeMain() {
    ChildJvm.Result run = new ChildJvm.Launch(ChildJvm.workDir("bad-strict"), MAIN)
        .agent().classpath(classes)
        .env("HH_AGENT_TRACE_METHODS", BAD)
        .env("HH_AGENT_STRICT", "true")
        .run();

    assertThat(run.exitCode()).as("%s", run).isEqualTo(HoneyHiveAgent.STRICT_EXIT_STATUS);
    assertThat(run.stderrLines()).containsExactly(REPORT,
        "[honeyhive-agent] stopping the JVM (HH_AGENT_STRICT=true)");
    assertThat(run.stdout()).isEmpty();
  }

  @Test
  void aBadLibrarySettingIsReportedTheSameWayWithoutTheKey() {
    ChildJvm.Result run = new ChildJvm.Launch(ChildJvm.workDir("bad-library"), MAIN)
        .agent().classpath(classes)
        .env("HH_API_KEY", "hh-do-not-print")
        .run();

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.stderr()).startsWith("[honeyhive-agent] An API key is configured but no project")
        .contains("HoneyHive tracing is off: the application runs untraced")
        .doesNotContain("hh-do-not-print");
    assertThat(run.stdout()).contains("How long do refunds take? -> ");
  }
}
