package ai.honeyhive.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which classes are woven: by default not the frameworks (here a class under org.apache), an
 * include narrows the scope to itself, an exclude removes a package; diagnostics show the weaver's work.
 */
class WeavingScopeIT {
  private static final String MAIN = "com.example.scope.ScopeApp";
  private static Path classes;

  @BeforeAll
  static void compile() {
    classes = ChildJvm.javac(ChildJvm.sources(ChildJvm.APPS.resolve("scope")), ChildJvm.workDir("scope-classes"),
        ChildJvm.annotations());
  }

  private static List<String> shapes(ChildJvm.Result run) {
    return run.batches("traces.jsonl").stream().map(b -> SessionTrees.shape(SessionTrees.of(b))).toList();
  }

  @Test
  void byDefaultFrameworkPackagesAreNotWoven() {
    ChildJvm.Result run = new ChildJvm.Launch(ChildJvm.workDir("scope-default"), MAIN)
        .agent().classpath(classes).run();

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.stdout()).contains("helped worked");
    assertThat(shapes(run)).containsExactly("chain run[tool help]");
    assertThat(run.stderr()).isEmpty();
  }

  @Test
  void anIncludeInsideADefaultExclusionWeavesOnlyThat() {
    ChildJvm.Result run = new ChildJvm.Launch(ChildJvm.workDir("scope-include"), MAIN)
        .agent().classpath(classes).env("HH_AGENT_INCLUDE", "org.apache.fake").run();

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(shapes(run)).containsExactly("tool work");
  }

  @Test
  void anExcludeLeavesAPackageOutAndDiagnosticsShowTheWeaversWork() {
    ChildJvm.Result run = new ChildJvm.Launch(ChildJvm.workDir("scope-exclude"), MAIN)
        .agent().classpath(classes)
        .jvmArg("-Dhoneyhive.agent.exclude=com.example.scope.internal")
        .jvmArg("-Dhoneyhive.agent.diagnostics=true")
        .run();

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(shapes(run)).containsExactly("chain run");
    assertThat(run.stderr())
        .contains("[honeyhive-agent] HoneyHive agent ")
        .contains("<exclude within=\"com.example.scope.internal..*\"/>")
        // the names in the generated aop.xml are the real ones, not the agent jar's relocated ones
        .contains("<exclude within=\"org.slf4j..*\"/>", "<exclude within=\"com.fasterxml..*\"/>")
        .contains("[honeyhive-agent] weaver weaveinfo: Join point 'method-execution(java.lang.String"
            + " com.example.scope.ScopeApp.run())'")
        .doesNotContain("Helper.help()")
        .doesNotContain("canNotImplementLazyTjp");
  }
}
