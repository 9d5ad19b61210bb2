package ai.honeyhive.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.transport.model.EventType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfiguredMethodTest {
  private static final String ORIGIN = "environment variable HH_AGENT_TRACE_METHODS";

  @Test
  void parsesTypeAndOptionalNameSeparatedBySemicolonsCommasAndLineBreaks() {
    List<ConfiguredMethod> methods = ConfiguredMethod.parseList(
        " com.acme.llm.Client#complete=model ;com.acme.search.Index#query = tool:search,\n"
            + "com.acme.Outer$Inner#run*=CHAIN: plan step ;; ", ORIGIN);

    assertThat(methods).containsExactly(
        new ConfiguredMethod("com.acme.llm.Client", "complete", EventType.MODEL, ""),
        new ConfiguredMethod("com.acme.search.Index", "query", EventType.TOOL, "search"),
        new ConfiguredMethod("com.acme.Outer$Inner", "run*", EventType.CHAIN, "plan step"));
    assertThat(methods.get(0).pointcut()).isEqualTo("execution(* com.acme.llm.Client.complete(..))");
    assertThat(methods.get(1).entry()).isEqualTo("com.acme.search.Index#query=tool:search");
  }

  @Test
  void nothingConfiguredIsAnEmptyList() {
    assertThat(ConfiguredMethod.parseList(null, ORIGIN)).isEmpty();
    assertThat(ConfiguredMethod.parseList(" ; , ", ORIGIN)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "com.acme.Client.complete=model    | it has no '#' between the class and the method name",
      "com.acme.Client#complete          | it has no '=<type>' (chain, tool or model)",
      "com.acme.Client#complete=llm      | 'llm' is not an event type (chain, tool or model)",
      "com.acme.Client#complete=         | the event type after '=' is empty",
      "com.acme.Client#complete=tool:    | the event name after ':' is empty",
      "#complete=tool                    | the class name is empty",
      "com.acme.Client#=tool             | the method name is empty",
      "com..acme.Client#x=tool           | 'com..acme.Client' is not a fully qualified class name",
      "com.acme.1Client#x=tool           | 'com.acme.1Client' is not a fully qualified class name",
      "com.acme.Client#complete(String)=tool | 'complete(String)' is not a method name",
      "com.acme.Client#a#b=tool          | it has more than one '#'",
      "java.util.List#size=tool          | classes in java.* cannot be traced by the agent",
  })
  void anInvalidEntryIsReportedWithTheEntryAndWhatIsWrong(String entry, String problem) {
    assertThatThrownBy(() -> ConfiguredMethod.parseList(entry, ORIGIN))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("invalid entry '" + entry.strip() + "' in " + ORIGIN + ": ")
        .hasMessageContaining(problem)
        .hasMessageEndingWith("expected " + ConfiguredMethod.SYNTAX);
  }

  @Test
  void everyInvalidEntryIsReportedAtOnce() {
    assertThatThrownBy(() -> ConfiguredMethod.parseList("a.B#c=tool;bad;a.B#c=model;x.Y#z=oops", ORIGIN))
        .hasMessageContaining("invalid entry 'bad'")
        .hasMessageContaining("invalid entry 'a.B#c=model' in " + ORIGIN + ": the method is listed twice")
        .hasMessageContaining("invalid entry 'x.Y#z=oops'")
        .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(3));
  }

  @Test
  void classesOfTheLibraryItselfAreRejectedButApplicationsUnderAiHoneyhiveAreNot() {
    assertThatThrownBy(() -> ConfiguredMethod.parseList("ai.honeyhive.internal.Ids#newId=tool", ORIGIN))
        .hasMessageContaining("classes in ai.honeyhive.internal.* cannot be traced by the agent");
    assertThatThrownBy(() -> ConfiguredMethod.parseList("ai.honeyhive.HoneyHive#tracer=tool", ORIGIN))
        .hasMessageContaining("the HoneyHive library's own classes cannot be traced");
    assertThat(ConfiguredMethod.parseList("ai.honeyhive.samples.StubModel#complete=model", ORIGIN)).hasSize(1);
  }
}
