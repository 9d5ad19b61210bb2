package ai.honeyhive.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.Scope;
import ai.honeyhive.SpanKind;
import ai.honeyhive.TestTracers;
import ai.honeyhive.Tracer;
import ai.honeyhive.TracerSettings;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.transport.export.InMemoryExporter;
import ai.honeyhive.transport.model.BatchRequest;
import ai.honeyhive.transport.model.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One tracer calls another through a header map: the callee's events join the caller's session under the calling event. */
class PropagationTest {
  private final InMemoryExporter callerExported = new InMemoryExporter();
  private final InMemoryExporter calleeExported = new InMemoryExporter();
  private final Tracer caller = TestTracers.synchronous(callerExported);
  private final Tracer callee = Tracer.builder()
      .config(HoneyHiveConfig.builder().project("callee-project").source("callee-source").build())
      .settings(TracerSettings.builder().exportConsole(false).exportFile(null).build())
      .synchronousExporter(calleeExported).build();

  @Test
  void injectWritesTraceparentAndBaggageWithTheSessionAndTheCallingEvent() {
    Map<String, String> headers = new HashMap<>();
    String[] ids = new String[2];
    caller.trace(SpanKind.CHAIN, "gateway", Map.of(), span -> {
      ids[0] = span.sessionId();
      ids[1] = span.spanId();
      return Propagation.inject(headers, Map::put);
    });

    String sessionHex = ids[0].replace("-", "");
    String eventLow = ids[1].replace("-", "").substring(16);
    assertThat(headers.get("traceparent")).isEqualTo("00-" + sessionHex + "-" + eventLow + "-01");
    assertThat(headers.get("baggage")).isEqualTo("session_id=" + ids[0] + ",parent_id=" + ids[1] + ",project=p,source=dev");
    assertThat(headers).doesNotContainKey("tracestate");
  }

  @Test
  void outsideATraceNothingIsInjected() {
    Map<String, String> headers = new HashMap<>();
    assertThat(Propagation.inject(headers, Map::put)).isFalse();
    assertThat(headers).isEmpty();
  }

  @Test
  void theCalleesEventsJoinTheCallersSessionAsChildrenOfTheCallingEventAndTheSessionIsAnnouncedOnce() {
    caller.trace(SpanKind.CHAIN, "gateway", Map.of(), span -> {
      Map<String, List<String>> request = new HashMap<>();
      Propagation.inject(request, (m, k, v) -> m.put(k, List.of(v)));
      serve(request);   // "the other service", in this JVM with its own tracer
      return null;
    });

    List<BatchRequest> all = new ArrayList<>(callerExported.batches());
    all.addAll(calleeExported.batches());
    List<Event> events = new ArrayList<>();
    all.forEach(b -> events.addAll(b.events()));
    String sessionId = callerExported.events().get(0).sessionId();
    Event gateway = byName(events, "gateway");
    Event lookup = byName(events, "lookup");
    Event rank = byName(events, "rank");

    assertThat(events).extracting(Event::sessionId).containsOnly(sessionId);
    assertThat(lookup.parentId()).isEqualTo(gateway.eventId());
    assertThat(rank.parentId()).isEqualTo(lookup.eventId());
    assertThat(lookup.project()).isEqualTo("p");   // the caller's project and source: the session lives there
    assertThat(lookup.source()).isEqualTo("dev");
    assertThat(everyParentResolves(events, sessionId)).isTrue();
    // announced once, by the caller: the callee's pieces carry only the id
    assertThat(callerExported.batches()).anySatisfy(b -> assertThat(b.sessionProperties().announces()).isTrue());
    assertThat(calleeExported.batches()).isNotEmpty()
        .allSatisfy(b -> assertThat(b.sessionProperties().announces()).isFalse())
        .allSatisfy(b -> assertThat(b.sessionId()).isEqualTo(sessionId));
  }

  @Test
  void anUnsampledCallerIsFollowedTheCalleeRecordsNothing() {
    Map<String, List<String>> request = new HashMap<>();
    String session = "7d0c1b0e-8f67-4d52-9a2f-2b1f0e3c4d5a";
    request.put("traceparent", List.of("00-7d0c1b0e8f674d529a2f2b1f0e3c4d5a-9a2f2b1f0e3c4d5a-00"));
    request.put("baggage", List.of("session_id=" + session));
    RemoteContext remote = Propagation.extract(request);
    assertThat(remote.isPresent()).isTrue();
    assertThat(remote.sampled()).isFalse();
    try (Scope s = remote.makeCurrent(callee)) {
      callee.trace(SpanKind.TOOL, "lookup", Map.of(), span -> null);
    }
    assertThat(calleeExported.batches()).isEmpty();
  }

  @Test
  @org.junit.jupiter.api.Timeout(30)
  void theContinuationCarriesToAnotherThreadAndHoldsTheSessionUntilTheTaskHasRun() throws Exception {
    String parent = "11223344-5566-4778-8899-aabbccddeeff";
    String session = "7d0c1b0e-8f67-4d52-9a2f-2b1f0e3c4d5a";
    RemoteContext remote = Propagation.extract(Map.of("baggage", List.of("session_id=" + session + ",parent_id=" + parent)));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    try {
      try (Scope s = remote.makeCurrent(callee)) {
        ai.honeyhive.Context.current().wrap(pool).execute(() -> {
          try {
            release.await();
            callee.trace(SpanKind.TOOL, "background", Map.of(), span -> "done");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            done.countDown();
          }
        });
      }
      assertThat(calleeExported.batches()).as("held open by the task").isEmpty();
      release.countDown();
      done.await();
    } finally {
      pool.shutdown();
    }
    org.awaitility.Awaitility.await().until(() -> !calleeExported.events().isEmpty());
    Event background = calleeExported.events().get(0);
    assertThat(background.sessionId()).isEqualTo(session);
    assertThat(background.parentId()).isEqualTo(parent);
    assertThat(calleeExported.batches()).allSatisfy(b -> assertThat(b.sessionProperties().announces()).isFalse());
  }

  private void serve(Map<String, List<String>> request) {
    RemoteContext remote = Propagation.extract(request);
    try (Scope s = remote.makeCurrent(callee)) {
      callee.trace(SpanKind.TOOL, "lookup", Map.of(), span ->
          callee.trace(SpanKind.TOOL, "rank", Map.of(), inner -> "ranked"));
    }
  }

  static Event byName(List<Event> events, String name) {
    return events.stream().filter(e -> name.equals(e.eventName())).findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + events));
  }

  static boolean everyParentResolves(List<Event> events, String sessionId) {
    Set<String> ids = new HashSet<>();
    ids.add(sessionId);
    events.forEach(e -> ids.add(e.eventId()));
    return events.stream().allMatch(e -> ids.contains(e.parentId()));
  }
}
