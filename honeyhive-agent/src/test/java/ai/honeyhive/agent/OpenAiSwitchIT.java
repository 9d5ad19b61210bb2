package ai.honeyhive.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.openai.HoneyHiveOpenAI;
import ai.honeyhive.test.OpenAiStandIn;
import ai.honeyhive.test.OpenAiStandIn.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's {@code honeyhive.agent.instrument.openai} switch, in real child JVMs against an
 * OpenAI-compatible server on 127.0.0.1: on, clients built by the SDK's builders in an application
 * with no HoneyHive code record one model event per call; off, nothing is recorded; a client the
 * application wraps itself is not wrapped twice.
 */
class OpenAiSwitchIT {
  private static final Path SDK = Path.of(System.getProperty("honeyhive.it.openai.sdk.dir", "target/openai-sdk"));
  private OpenAiStandIn openAi;

  @BeforeEach
  void start() {
    openAi = OpenAiStandIn.start();
    for (int i = 0; i < 3; i++) {
      openAi.then(Reply.json(OpenAiStandIn.completion("gpt-4o-mini", "5", 12, 1)));
    }
  }

  @AfterEach
  void stop() {
    openAi.close();
  }

  @Test
  void withTheSwitchOnEveryClientTheBuildersBuildRecordsOneModelEventPerCall() {
    ChildJvm.Result run = runPlainApp("switch-on", "true");

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.stdout()).contains("answer: 5");
    List<JsonNode> models = modelEvents(run);
    assertThat(models).as("%s", run).hasSize(3);   // two blocking calls, one async
    assertThat(models).allSatisfy(m -> {
      assertThat(m.path("config").path("model").asText()).isEqualTo("gpt-4o-mini");
      assertThat(m.path("config").path("provider").asText()).isEqualTo("openai");
      assertThat(m.path("outputs").path("content").asText()).isEqualTo("5");
      assertThat(m.path("metadata").path("prompt_tokens").asLong()).isEqualTo(12);
    });
    assertThat(openAi.requests()).hasSize(3);
  }

  @Test
  void withTheSwitchOffNothingIsWrapped() {
    ChildJvm.Result run = runPlainApp("switch-off", null);

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(openAi.requests()).hasSize(3);
    assertThat(modelEvents(run)).isEmpty();
  }

  @Test
  void aClientTheApplicationWrapsItselfUnderTheSwitchIsRecordedOnce() {
    Path classes = ChildJvm.javac(ChildJvm.sources(ChildJvm.APPS.resolve("openai/wrapping")),
        ChildJvm.workDir("openai-wrapping-classes"), compileClasspath(true));
    ChildJvm.Result run = new ChildJvm.Launch(ChildJvm.workDir("openai-wrapping-run"), "com.example.openai.WrappingOpenAiApp")
        .agent().classpath(runClasspath(classes))
        .env("HH_AGENT_INSTRUMENT_OPENAI", "true")
        .arg(openAi.baseUrl())
        .run();

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(openAi.requests()).hasSize(2);
    assertThat(modelEvents(run)).as("%s", run).hasSize(2);
  }

  @Test
  void withTheSwitchOnAnApplicationWithoutTheSdkRunsAsBeforeAndNothingIsSaid() {
    Path classes = ChildJvm.javac(ChildJvm.sources(ChildJvm.SAMPLES), ChildJvm.workDir("openai-nosdk-classes"),
        ChildJvm.sampleCompileClasspath());

    ChildJvm.Result run = new ChildJvm.Launch(ChildJvm.workDir("openai-nosdk-run"), "ai.honeyhive.samples.SupportAssistantApp")
        .agent().classpath(classes)
        .env("HH_AGENT_INSTRUMENT_OPENAI", "true")
        .run();

    assertThat(run.exitCode()).as("%s", run).isZero();
    // the aspect requires the SDK: without it AspectJ leaves it out, with no warning or error
    assertThat(run.stderr()).isEmpty();
    assertThat(run.batches("traces.jsonl")).isNotEmpty();
  }

  private ChildJvm.Result runPlainApp(String name, String switchValue) {
    Path classes = ChildJvm.javac(ChildJvm.sources(ChildJvm.APPS.resolve("openai/plain")),
        ChildJvm.workDir(name + "-classes"), compileClasspath(false));
    ChildJvm.Launch launch = new ChildJvm.Launch(ChildJvm.workDir(name + "-run"), "com.example.openai.PlainOpenAiApp")
        .agent().classpath(runClasspath(classes))
        .arg(openAi.baseUrl());
    if (switchValue != null) {
      launch.env("HH_AGENT_INSTRUMENT_OPENAI", switchValue);
    }
    return launch.run();
  }

  private static List<JsonNode> modelEvents(ChildJvm.Result run) {
    List<JsonNode> models = new ArrayList<>();
    for (JsonNode batch : run.batches("traces.jsonl")) {
      for (JsonNode e : batch.path("events")) {
        if (e.path("event_type").asText().equals("model")) {
          models.add(e);
        }
      }
    }
    return models;
  }

  private static Path[] compileClasspath(boolean withHoneyHiveOpenAi) {
    List<Path> cp = new ArrayList<>(sdkJars());
    if (withHoneyHiveOpenAi) {
      cp.add(ChildJvm.locationOf(HoneyHiveOpenAI.class));
    }
    return cp.toArray(Path[]::new);
  }

  /** The application's classes and the SDK; the agent jar brings HoneyHive. */
  private static Path[] runClasspath(Path classes) {
    List<Path> cp = new ArrayList<>();
    cp.add(classes);
    cp.addAll(sdkJars());
    return cp.toArray(Path[]::new);
  }

  private static List<Path> sdkJars() {
    try (Stream<Path> jars = Files.list(SDK)) {
      List<Path> list = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
      assertThat(list).as("the SDK's jars in %s", SDK).isNotEmpty();
      return list;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
