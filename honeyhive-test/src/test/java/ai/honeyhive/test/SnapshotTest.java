package ai.honeyhive.test;

import static ai.honeyhive.test.TraceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.honeyhive.test.internal.Snapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class SnapshotTest {

  @Test
  void aSessionMatchesItsSnapshotWhateverItsIdsAndTimes() {
    RecordedTraces first = RecordedTraces.create();
    Pipeline.answer(first.tracer(), "refunds", true);
    assertThat(first.onlySession()).matchesSnapshot("snapshots/support.json");

    RecordedTraces second = RecordedTraces.create();
    Pipeline.answer(second.tracer(), "refunds", true);
    assertThat(second.onlySession()).matchesSnapshot("snapshots/support.json");
  }

  @Test
  void aDifferentTreeFailsNamingTheFirstDifference() {
    RecordedTraces traces = RecordedTraces.create();
    Pipeline.answer(traces.tracer(), "refunds", false);
    assertThatThrownBy(() -> assertThat(traces.onlySession()).matchesSnapshot("snapshots/support.json"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("does not match the snapshot")
        .hasMessageContaining("first difference at $.events[0].outputs.result: expected \"answer from []\" but was "
            + "\"answer from [doc about refunds]\"")
        .hasMessageContaining("-Dhoneyhive.snapshots.update=true");
  }

  @Test
  void aMissingSnapshotSaysHowToWriteIt() {
    RecordedTraces traces = RecordedTraces.create();
    Pipeline.answer(traces.tracer(), "refunds", false);
    assertThatThrownBy(() -> assertThat(traces.onlySession()).matchesSnapshot("snapshots/none.json"))
        .hasMessageContaining("No snapshot src/test/resources/snapshots/none.json")
        .hasMessageContaining("-Dhoneyhive.snapshots.update=true");
  }

  @Test
  void theUpdatePropertyWritesTheFile() throws Exception {
    RecordedTraces traces = RecordedTraces.create();
    Pipeline.answer(traces.tracer(), "refunds", false);
    Path file = Paths.get("target", "snapshot-test", "written.json");
    Files.deleteIfExists(Paths.get("src/test/resources").resolve("../../../" + file));
    System.setProperty(Snapshots.UPDATE_PROPERTY, "true");
    try {
      assertThat(traces.onlySession()).matchesSnapshot("../../../" + file);
    } finally {
      System.clearProperty(Snapshots.UPDATE_PROPERTY);
    }
    assertThat(traces.onlySession()).matchesSnapshot("../../../" + file);
    org.assertj.core.api.Assertions.assertThat(Files.readString(file)).contains("\"event_id\" : \"<id-2>\"")
        .doesNotContain(traces.onlySession().id()).doesNotContain("start_time");
  }
}
