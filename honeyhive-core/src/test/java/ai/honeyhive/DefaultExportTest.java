package ai.honeyhive;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.config.ExportSettings;
import ai.honeyhive.config.ExportSettingsBuilder;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.config.HoneyHiveConfigBuilder;
import ai.honeyhive.test.Fault;
import ai.honeyhive.test.ReceivedRequest;
import ai.honeyhive.test.StandInServer;
import ai.honeyhive.transport.export.ExportStats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a tracer built from configuration alone does with its sessions. */
@Timeout(60)
class DefaultExportTest {
  private static final String KEY = "hh-default-key-7d21";

  private final StandInServer server = StandInServer.start();
  private final CountDownLatch release = new CountDownLatch(1);
  private Tracer tracer;

  @TempDir
  Path dir;

  @AfterEach
  void tearDown() {
    release.countDown();
    if (tracer != null) {
      tracer.shutdown(Duration.ofSeconds(5));
    }
    server.close();
  }

  private HoneyHiveConfigBuilder withKey(ExportSettingsBuilder export) {
    return HoneyHiveConfig.builder()
        .apiKey(KEY).project("p").source("test").apiUrl(server.url().toString()).export(export);
  }

  private void traceSession(String name) {
    tracer.trace(SpanKind.CHAIN, name, Map.of("q", "hello"),
        span -> tracer.trace(SpanKind.MODEL, name + "-model", Map.of(), s -> "answer"));
  }

  @Test
  void withAnApiKeySessionsGoToTheApiInTheBackground() throws Exception {
    tracer = Tracer.create(withKey(ExportSettings.builder().scheduleDelay(Duration.ofMillis(10))).build());

    traceSession("s1");

    ReceivedRequest r = server.awaitRequests(1, Duration.ofSeconds(10)).get(0);
    assertThat(r.path()).isEqualTo("/events/batch");
    assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(server.createdEventNames()).containsExactly("s1", "s1-model");
    assertThat(r.json().path("is_single_session").asBoolean(true)).isFalse(); // the default form
    assertThat(server.announcedSessionNames()).containsExactly("s1");
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> tracer.exportStats().sent() == 2);
    assertThat(tracer.toString()).contains("BatchingSessionProcessor").contains("HttpExporter").doesNotContain(KEY);
  }

  @Test
  void aTracedCallReturnsWhileTheServerStalls() throws Exception {
    tracer = Tracer.create(withKey(ExportSettings.builder().scheduleDelay(Duration.ofMillis(1))).build());
    server.answerAll(Fault.delayUntil(release));
    traceSession("first");
    server.awaitRequests(1, Duration.ofSeconds(10)); // the worker now waits on a hanging request

    CompletableFuture<String> call = CompletableFuture.supplyAsync(
        () -> tracer.trace(SpanKind.TOOL, "second", Map.of(), span -> "returned"));

    assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo("returned");
    assertThat(release.getCount()).as("the first request still hangs").isEqualTo(1);
    release.countDown();
    assertThat(tracer.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(server.createdEventNames()).containsExactly("first", "first-model", "second");
  }

  @Test
  void shutdownDeliversQueuedSessions() {
    tracer = Tracer.create(withKey(ExportSettings.builder().scheduleDelay(Duration.ofMinutes(10))).build());
    traceSession("a");
    traceSession("b");
    traceSession("c");
    assertThat(server.requests()).isEmpty();

    assertThat(tracer.shutdown(Duration.ofSeconds(10))).isTrue();

    assertThat(server.requests()).hasSize(1); // three sessions, one request
    assertThat(server.announcedSessionNames()).containsExactlyInAnyOrder("a", "b", "c");
    ExportStats stats = tracer.exportStats();
    assertThat(stats.sent()).isEqualTo(6);
    assertThat(stats.lost()).isZero();
  }

  @Test
  void localExportersAreBatchedTooAndTheFileNeverHoldsTheKey() throws Exception {
    Path file = dir.resolve("traces.jsonl");
    tracer = Tracer.builder().config(withKey(ExportSettings.builder().scheduleDelay(Duration.ofMinutes(10))).build())
        .settings(TracerSettings.builder().exportFile(file).exportConsole(false).build()).build();

    traceSession("filed");
    assertThat(file).as("written by the worker, not by the traced call").doesNotExist();

    assertThat(tracer.flush(Duration.ofSeconds(10))).isTrue();
    String written = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(written).contains("\"event_name\":\"filed\"").doesNotContain(KEY);
    assertThat(server.createdEventNames()).containsExactly("filed", "filed-model");
  }

  @Test
  void withoutAKeyNothingIsSentAndTheFileIsWrittenInTheBackground() throws Exception {
    Path file = dir.resolve("local.jsonl");
    tracer = Tracer.builder().config(HoneyHiveConfig.builder()
        .apiUrl(server.url().toString())
        .export(ExportSettings.builder().scheduleDelay(Duration.ofMinutes(10))).build())
        .settings(TracerSettings.builder().exportFile(file).exportConsole(false).build()).build();

    traceSession("local");
    assertThat(file).doesNotExist();
    assertThat(tracer.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(Files.readAllLines(file)).hasSize(1);
    assertThat(server.requests()).isEmpty();
    assertThat(tracer.exportStats().sent()).isEqualTo(2);
  }

  @Test
  void afterShutdownTracedCallsStillRunAndNothingThrows() {
    tracer = Tracer.create(withKey(ExportSettings.builder()).build());
    tracer.shutdown(Duration.ofSeconds(5));

    String r = tracer.trace(SpanKind.TOOL, "late", Map.of(), span -> "still works");

    assertThat(r).isEqualTo("still works");
    assertThat(tracer.exportStats().queued()).isZero();
  }
}
