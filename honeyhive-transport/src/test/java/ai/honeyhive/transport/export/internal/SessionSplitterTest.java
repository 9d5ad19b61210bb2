package ai.honeyhive.transport.export.internal;

import static ai.honeyhive.testing.TestSessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.transport.internal.JsonMappers;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import ai.honeyhive.transport.model.SessionProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionSplitterTest {

  private static long bytes(BatchRequest r) throws Exception {
    return JsonMappers.mapper().writeValueAsBytes(r).length;
  }

  private static List<Event> events(List<SessionSplitter.Piece> pieces) {
    List<Event> all = new ArrayList<>();
    pieces.forEach(p -> all.addAll(p.request().events()));
    return all;
  }

  @Test
  void aSessionThatFitsIsOnePieceAsItWas() throws Exception {
    BatchRequest s = session(5);
    List<SessionSplitter.Piece> pieces = new SessionSplitter(10, 100_000).split(s);

    assertThat(pieces).hasSize(1);
    assertThat(pieces.get(0).request()).isSameAs(s);
    // far below the limit: sized by the cheap estimate, so the body is serialized only when sent
    assertThat(pieces.get(0).bytes()).isEqualTo(SessionSplitter.estimate(s)).isGreaterThanOrEqualTo(bytes(s));
    assertThat(pieces.get(0).lastOfSession()).isTrue();
  }

  @Test
  void measuredSizesAreTheSerializedSizes() throws Exception {
    BatchRequest s = session(40, 200);
    List<SessionSplitter.Piece> pieces = new SessionSplitter(1000, 4_000).split(s);

    assertThat(pieces.size()).isGreaterThan(2);
    for (SessionSplitter.Piece p : pieces) {
      assertThat(p.bytes()).isEqualTo(bytes(p.request())).isLessThanOrEqualTo(4_000);
      assertThat(p.events()).isEqualTo(p.request().events().size());
      assertThat(p.lastOfSession()).isEqualTo(p == pieces.get(pieces.size() - 1));
    }
    assertThat(events(pieces)).containsExactlyElementsOf(s.events());
  }

  @Test
  void largePropertiesGoAloneInTheFirstPieceWhenNoEventFitsBesideThem() throws Exception {
    BatchRequest s = session(3, 1_000);
    SessionProperties p = s.sessionProperties();
    SessionProperties bigProps = new SessionProperties(p.source(), p.sessionName(), p.sessionId(), Map.of(),
        Map.of("document", "d".repeat(2_000)), Map.of(), null, Map.of(), Map.of(), Map.of(), Map.of());
    BatchRequest withBigProps = new BatchRequest(s.events(), true, bigProps);

    List<SessionSplitter.Piece> pieces = new SessionSplitter(100, 2_600).split(withBigProps);

    assertThat(pieces.get(0).request().events()).isEmpty();
    assertThat(pieces.get(0).request().sessionProperties()).isEqualTo(bigProps);
    assertThat(events(pieces)).containsExactlyElementsOf(s.events());
    for (SessionSplitter.Piece piece : pieces) {
      assertThat(bytes(piece.request())).isLessThanOrEqualTo(2_600);
    }
  }

  @Test
  void propertiesTooLargeForAnyRequestAreTruncatedButKeepTheSession() throws Exception {
    BatchRequest s = session(2);
    SessionProperties p = s.sessionProperties();
    SessionProperties huge = new SessionProperties(p.source(), p.sessionName(), p.sessionId(), Map.of(),
        Map.of("document", "d".repeat(10_000)), Map.of(), null, Map.of(), Map.of(), Map.of(), Map.of());

    List<SessionSplitter.Piece> pieces = new SessionSplitter(100, 3_000).split(new BatchRequest(s.events(), true, huge));

    SessionProperties sent = pieces.get(0).request().sessionProperties();
    assertThat(sent.sessionId()).isEqualTo(p.sessionId());
    assertThat(sent.sessionName()).isEqualTo(p.sessionName());
    assertThat(sent.inputs()).isNull();
    assertThat(sent.metadata()).containsKey("honeyhive_truncated");
    assertThat(events(pieces)).containsExactlyElementsOf(s.events());
  }
}
