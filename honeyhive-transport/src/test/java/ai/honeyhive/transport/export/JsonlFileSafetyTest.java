package ai.honeyhive.transport.export;

import static ai.honeyhive.transport.export.LocalExportersTest.sampleSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.honeyhive.testing.CapturedLog;
import ai.honeyhive.transport.internal.JsonMappers;
import ai.honeyhive.transport.model.BatchRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSONL file holds everything the traced code captured: created owner-only, never through a
 * symbolic link, and kept under its size cap by rotation. On real files in a temporary directory.
 */
class JsonlFileSafetyTest {
  @TempDir Path dir;

  private static int lineBytes() throws Exception {
    return JsonMappers.mapper().writeValueAsBytes(sampleSession()).length + 1;
  }

  @Test
  void theFileIsCreatedReadableByItsOwnerOnly() throws Exception {
    Path file = dir.resolve("traces.jsonl");
    JsonlFileExporter jsonl = JsonlFileExporter.create(file);
    jsonl.export(List.of(sampleSession())).join();
    jsonl.shutdown().join();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void aSymbolicLinkIsNotFollowedAndSaidOnce() throws Exception {
    Path target = Files.writeString(dir.resolve("elsewhere.txt"), "untouched\n");
    Path file = Files.createSymbolicLink(dir.resolve("traces.jsonl"), target);
    JsonlFileExporter jsonl = JsonlFileExporter.create(file);

    try (CapturedLog log = CapturedLog.start()) {
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> jsonl.export(List.of(sampleSession())).join())
            .isInstanceOf(CompletionException.class)
            .hasMessageContaining("symbolic link").hasMessageContaining(file.toString());
      }
      assertThat(log.linesContaining("symbolic link")).isEqualTo(1);
    }
    jsonl.shutdown().join();
    assertThat(Files.readString(target)).isEqualTo("untouched\n");
    assertThat(Files.isSymbolicLink(file)).isTrue();
  }

  @Test
  void theFileIsRotatedToOneBackupBeforeItPassesTheCap() throws Exception {
    Path file = dir.resolve("traces.jsonl");
    int line = lineBytes();
    JsonlFileExporter jsonl = JsonlFileExporter.create(file, line * 2L + line / 2);
    for (int i = 0; i < 5; i++) {
      jsonl.export(List.of(sampleSession())).join();
    }
    jsonl.shutdown().join();

    Path backup = dir.resolve("traces.jsonl.1");
    // lines 1-2 were dropped with the first backup, 3-4 are the backup now, 5 is the file
    assertThat(Files.readAllLines(backup)).hasSize(2);
    assertThat(Files.readAllLines(file)).hasSize(1);
    assertThat(Files.size(file)).isLessThanOrEqualTo(line * 2L + line / 2);
    assertThat(Files.size(backup)).isLessThanOrEqualTo(line * 2L + line / 2);
    for (Path p : List.of(file, backup)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-------");
      for (String l : Files.readAllLines(p, StandardCharsets.UTF_8)) {
        assertThat(JsonMappers.mapper().readValue(l, BatchRequest.class)).isEqualTo(sampleSession());
      }
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("traces.jsonl", "traces.jsonl.1");
    }
  }

  @Test
  void aBatchLargerThanTheCapIsWrittenWholeInAFileOfItsOwn() throws Exception {
    Path file = dir.resolve("traces.jsonl");
    JsonlFileExporter jsonl = JsonlFileExporter.create(file, lineBytes() / 2);
    jsonl.export(List.of(sampleSession())).join();
    jsonl.export(List.of(sampleSession())).join();
    jsonl.shutdown().join();

    assertThat(Files.readAllLines(file)).hasSize(1);
    assertThat(Files.readAllLines(dir.resolve("traces.jsonl.1"))).hasSize(1);
  }
}
