package ai.honeyhive.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.transport.model.EventType;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeavingScopeTest {
  private static final String INC = "system property honeyhive.agent.include";
  private static final String EXC = "system property honeyhive.agent.exclude";

  private static ConfiguredMethod method(String className) {
    return new ConfiguredMethod(className, "call", EventType.MODEL, "");
  }

  @Test
  void byDefaultEverythingButThePlatformTheAgentAndFrameworksIsWoven() {
    WeavingScope scope = WeavingScope.of(null, INC, null, EXC, List.of());

    assertThat(scope.includes()).isEmpty();
    assertThat(scope.excludes()).contains("java..*", "javax..*", "jdk..*", "sun..*", "com.sun..*",
        "org.aspectj..*", "ai.honeyhive.agent..*", "ai.honeyhive.aspects..*", "ai.honeyhive.shaded..*",
        "org.springframework..*", "org.apache..*", "com.fasterxml..*", "org.slf4j..*", "io.netty..*",
        WeavingScope.GENERATED_CLASSES);
    // applications may live under ai.honeyhive (the samples do)
    assertThat(scope.excludes()).doesNotContain("ai.honeyhive..*");
  }

  @Test
  void plainNamesMeanThePackageOrClassAndPatternsAreKept() {
    WeavingScope scope = WeavingScope.of("com.acme, org.example.app.*;\tcom.other..*Service",
        INC, "com.acme.generated  com.acme.Legacy", EXC, List.of());

    assertThat(scope.includes())
        .containsExactly("com.acme..*", "com.acme", "org.example.app.*", "com.other..*Service");
    assertThat(scope.excludes()).endsWith("com.acme.generated..*", "com.acme.generated",
        "com.acme.Legacy..*", "com.acme.Legacy");
  }

  @Test
  void aDefaultExclusionIsDroppedWhenAnIncludeLiesInsideIt() {
    WeavingScope scope = WeavingScope.of("org.apache.myapp", INC, null, EXC, List.of());

    assertThat(scope.excludes()).doesNotContain("org.apache..*").contains("org.springframework..*");
    assertThat(scope.excludes()).contains("java..*");
  }

  @Test
  void theOpenAiSdkIsNotWovenUnlessItsBuildersAreAskedFor() {
    WeavingScope plain = WeavingScope.of(null, INC, null, EXC, List.of());
    WeavingScope builders = WeavingScope.of(null, INC, null, EXC, List.of(), List.of("com.openai.client.okhttp"));
    WeavingScope included = WeavingScope.of("com.acme", INC, null, EXC, List.of(), List.of("com.openai.client.okhttp"));
    WeavingScope userExcluded = WeavingScope.of(null, INC, "com.openai", EXC, List.of(), List.of("com.openai.client.okhttp"));

    assertThat(plain.excludes()).contains("com.openai..*");
    assertThat(builders.excludes()).contains("com.openai..* && !com.openai.client.okhttp..*")
        .doesNotContain("com.openai..*");
    assertThat(builders.includes()).isEmpty();
    assertThat(included.includes()).containsExactly("com.acme..*", "com.acme", "com.openai.client.okhttp..*");
    // the user's own exclusion still wins
    assertThat(userExcluded.excludes()).endsWith("com.openai..*", "com.openai");
  }

  @Test
  void configuredClassesInAFrameworkAreExemptWithTheirSubclasses() {
    WeavingScope scope = WeavingScope.of(null, INC, null, EXC, List.of(
        method("org.springframework.ai.chat.model.ChatModel"), method("org.springframework.ai.Other"),
        method("com.acme.Client")));

    assertThat(scope.excludes()).contains("org.springframework..* && !org.springframework.ai.chat.model.ChatModel+"
        + " && !org.springframework.ai.Other+");
    assertThat(scope.excludes()).doesNotContain("org.springframework..*");
    assertThat(scope.includes()).isEmpty();
  }

  @Test
  void withIncludesAConfiguredClassOutsideThemIsAddedWithItsSubclasses() {
    WeavingScope scope = WeavingScope.of("com.acme", INC, null, EXC, List.of(
        method("com.acme.llm.Client"), method("dev.vendor.sdk.ChatClient")));

    assertThat(scope.includes()).containsExactly("com.acme..*", "com.acme", "dev.vendor.sdk.ChatClient+");
  }

  @Test
  void userExcludesStillWinOverConfiguredClasses() {
    WeavingScope scope = WeavingScope.of(null, INC, "org.springframework", EXC,
        List.of(method("org.springframework.ai.ChatModel")));

    assertThat(scope.excludes()).contains("org.springframework..*");
  }

  @Test
  void invalidEntriesAreReportedWithWhereTheyCameFrom() {
    assertThatThrownBy(() -> WeavingScope.of("com.acme, com..bad", INC, "1abc, x&&y", EXC, List.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("invalid entry 'com..bad' in " + INC)
        .hasMessageContaining("invalid entry '1abc' in " + EXC)
        .hasMessageContaining("invalid entry 'x&&y' in " + EXC)
        .hasMessageContaining("expected a package or class name (com.acme.app) or an AspectJ type pattern");
  }
}
