package ai.honeyhive.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.aspects.ConfiguredTraceAspect;
import ai.honeyhive.aspects.TraceAspect;
import ai.honeyhive.transport.model.EventType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aspectj.weaver.loadtime.definition.Definition;
import org.aspectj.weaver.loadtime.definition.DocumentParser;
import org.aspectj.weaver.loadtime.definition.SimpleAOPParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated aop.xml, read back with AspectJ's own parser. */
class AopXmlTest {
  @TempDir
  Path dir;

  /** Parses with the light parser the agent selects, checking the SAX parser reads the same. */
  private Definition parse(String xml) throws Exception {
    Path file = Files.writeString(dir.resolve("aop-" + System.nanoTime() + ".xml"), xml);
    Definition light = SimpleAOPParser.parse(file.toUri().toURL());
    Definition sax = DocumentParser.parse(file.toUri().toURL());
    assertThat(light.getWeaverOptions().strip()).isEqualTo(sax.getWeaverOptions().strip());
    assertThat(light.getIncludePatterns()).isEqualTo(sax.getIncludePatterns());
    assertThat(light.getExcludePatterns()).isEqualTo(sax.getExcludePatterns());
    assertThat(light.getAspectClassNames()).isEqualTo(sax.getAspectClassNames());
    assertThat(light.getConcreteAspects()).hasSameSizeAs(sax.getConcreteAspects());
    return light;
  }

  @Test
  void quietByDefaultWithTheScopeAndTheTraceAspect() throws Exception {
    WeavingScope scope = WeavingScope.of("com.acme", "i", "com.acme.gen", "e", List.of());

    Definition d = parse(AopXml.render(scope, List.of(), false));

    assertThat(d.getWeaverOptions()).contains("-Xlint:ignore", "-nowarn",
        "-XmessageHandlerClass:" + WeaverMessages.class.getName());
    assertThat(d.getWeaverOptions()).doesNotContain("-verbose", "-showWeaveInfo");
    assertThat(d.getIncludePatterns()).containsExactlyElementsOf(scope.includes());
    assertThat(d.getExcludePatterns()).containsExactlyElementsOf(scope.excludes());
    assertThat(d.getAspectClassNames()).containsExactly(TraceAspect.class.getName());
    assertThat(d.getConcreteAspects()).isEmpty();
  }

  @Test
  void diagnosticsSwitchOnTheWeaversOutput() throws Exception {
    Definition d = parse(AopXml.render(WeavingScope.of(null, "i", null, "e", List.of()), List.of(), true));

    assertThat(d.getWeaverOptions()).contains("-verbose", "-showWeaveInfo", "-Xlint:warning");
  }

  @Test
  void oneConcreteAspectPerConfiguredMethodAndPatternsWithOperatorsSurviveEscaping() throws Exception {
    List<ConfiguredMethod> methods = List.of(
        new ConfiguredMethod("com.acme.Client", "complete", EventType.MODEL, "llm -- call"),
        new ConfiguredMethod("org.springframework.ai.ChatModel", "call*", EventType.TOOL, ""));
    WeavingScope scope = WeavingScope.of(null, "i", null, "e", methods);

    Definition d = parse(AopXml.render(scope, methods, false));

    assertThat(d.getConcreteAspects()).hasSize(2);
    Definition.ConcreteAspect first = d.getConcreteAspects().get(0);
    assertThat(first.name).isEqualTo("ai.honeyhive.agent.generated.ConfiguredMethod1");
    assertThat(first.extend).isEqualTo(ConfiguredTraceAspect.class.getName());
    assertThat(first.pointcuts).singleElement().satisfies(p -> {
      assertThat(p.name).isEqualTo("tracedMethods");
      assertThat(p.expression).isEqualTo("execution(* com.acme.Client.complete(..))");
    });
    assertThat(d.getConcreteAspects().get(1).name).isEqualTo(AopXml.aspectName(1));
    assertThat(d.getConcreteAspects().get(1).pointcuts.get(0).expression)
        .isEqualTo("execution(* org.springframework.ai.ChatModel.call*(..))");
    assertThat(d.getExcludePatterns()).contains("org.springframework..* && !org.springframework.ai.ChatModel+");
  }

  @Test
  void theOpenAiSwitchAddsTheSdkBuilderAspectScopedToTheBuildersAndRequiringTheSdk() throws Exception {
    WeavingScope scope = WeavingScope.of("com.acme", "i", null, "e", List.of(), List.of(AopXml.OPENAI_BUILDERS));

    Definition off = parse(AopXml.render(scope, List.of(), false, false));
    Definition on = parse(AopXml.render(scope, List.of(), false, true));

    assertThat(off.getAspectClassNames()).containsExactly(TraceAspect.class.getName());
    assertThat(on.getAspectClassNames())
        .containsExactly(TraceAspect.class.getName(), ai.honeyhive.openai.internal.SdkBuilderAspect.class.getName());
    assertThat(on.getScopeForAspect(AopXml.OPENAI_ASPECT)).isEqualTo("com.openai.client.okhttp..*");
    assertThat(on.getAspectRequires(AopXml.OPENAI_ASPECT)).isEqualTo("com.openai.client.okhttp.OpenAIOkHttpClient");
    assertThat(on.getIncludePatterns()).contains("com.acme..*", "com.openai.client.okhttp..*");
  }
}
