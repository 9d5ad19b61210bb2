package ai.honeyhive.aspects;

import ai.honeyhive.SpanKind;
import ai.honeyhive.Context;
import ai.honeyhive.HoneyHive;
import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.annotations.TraceModel;
import ai.honeyhive.annotations.TraceTool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Annotated classes for asynchronous, cross-thread, enrichment and sampling tests, woven by ajc at
 * test-compile time like {@link Fixtures}.
 */
final class AsyncFixtures {
  private AsyncFixtures() {}

  /** An agent whose tools and model run on the executor it is given (wrapped or not). */
  static final class Agent {
    private final Executor pool;
    /** What {@link #awaitPending} returns: completed by the test, on whatever thread it likes. */
    final CompletableFuture<String> pending = new CompletableFuture<>();

    Agent(Executor pool) {
      this.pool = pool;
    }

    @TraceChain(name = "awaitPending")
    CompletableFuture<String> awaitPending(String label) {
      return pending;
    }

    @TraceTool
    CompletionStage<String> alreadyDone(String s) {
      return CompletableFuture.completedFuture("done " + s);
    }

    @TraceTool
    String lookup(String key) {
      return "v-" + key;
    }

    @TraceModel(model = "stub-async", provider = "local")
    CompletableFuture<String> completeAsync(String prompt) {
      return CompletableFuture.supplyAsync(() -> {
        HoneyHive.currentSpan().setTokenUsage(prompt.length(), 7).setCost(0.001);
        return "answer(" + prompt + ")";
      }, pool);
    }

    /** Two tools in parallel and a nested asynchronous model call, combined. */
    @TraceChain(name = "plan")
    CompletableFuture<String> plan(String goal) {
      CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> lookup(goal + "#1"), pool);
      CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> lookup(goal + "#2"), pool);
      CompletableFuture<String> c = completeAsync(goal);
      return a.thenCombine(b, (x, y) -> x + "+" + y).thenCombine(c, (xy, z) -> xy + "|" + z);
    }

    /** One chain calling {@code n} tools in parallel. */
    @TraceChain(name = "fanOut")
    CompletableFuture<List<String>> fanOut(int n) {
      List<CompletableFuture<String>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String key = "k" + i;
        calls.add(CompletableFuture.supplyAsync(() -> lookup(key), pool));
      }
      return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
          .thenApply(done -> calls.stream().map(CompletableFuture::join).toList());
    }

    /** Like {@link #fanOut} with tools that block (sleep) while traced: virtual threads park, never pin. */
    @TraceChain(name = "fanOutBlocking")
    CompletableFuture<List<String>> fanOutBlocking(int n) {
      List<CompletableFuture<String>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String key = "k" + i;
        calls.add(CompletableFuture.supplyAsync(() -> blockingLookup(key), pool));
      }
      return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
          .thenApply(done -> calls.stream().map(CompletableFuture::join).toList());
    }

    @TraceTool
    String blockingLookup(String key) {
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "v-" + key;
    }

    @TraceChain
    CompletableFuture<String> innerAsync(String q) {
      return CompletableFuture.supplyAsync(() -> lookup(q), pool);
    }

    /** Async chain within async chain, then a continuation that makes a traced call. */
    @TraceChain
    CompletableFuture<String> outerAsync(String q) {
      Executor here = Context.current().wrap(pool);
      return innerAsync(q).thenComposeAsync(found -> completeAsync(found), here);
    }

    @TraceChain
    CompletableFuture<String> failingAsync(String why) {
      return CompletableFuture.supplyAsync(() -> {
        throw new IllegalStateException(why);
      }, pool);
    }

    /** Fails deep inside: the tool fails, the chain recovers, so only the child records an error. */
    @TraceChain
    CompletableFuture<String> recoversFromFailingTool(String why) {
      return CompletableFuture.supplyAsync(() -> {
        try {
          return failingTool(why);
        } catch (IllegalStateException e) {
          return "recovered";
        }
      }, pool);
    }

    @TraceTool
    String failingTool(String why) {
      throw new IllegalStateException(why);
    }
  }

  /** Calls that enrich their own event and their session. */
  static final class Enriched {
    @TraceChain(name = "support")
    String handle(String question) {
      HoneyHive.currentSession()
          .setName("support-conversation")
          .setSource("production")
          .setMetadata("tenant", "acme")
          .setUserProperty("user_id", "u-42")
          .setMetric("turns", 1)
          .setFeedback("resolved", true)
          .setConfig("flow", "v2");
      String answer = chat(question);
      return summarize(answer);
    }

    @TraceModel(model = "gpt-4o", provider = "openai")
    String chat(String prompt) {
      HoneyHive.currentSpan()
          .setTokenUsage(35, 23)
          .setCost(0.00008)
          .setMetric("relevance", 0.9)
          .setFeedback("liked", true)
          .setUserProperty("user_id", "u-42")
          .setConfig("temperature", 0)
          .setMetadata("request_id", "req-1");
      return "It is " + prompt;
    }

    /** Returns a string but records a structured output instead. */
    @TraceTool
    String summarize(String text) {
      HoneyHive.currentSpan().setOutput(Map.of("summary", text.length() + " chars"));
      return "not recorded";
    }
  }

  /** A value whose capture is observable: capturing it reads the getter (Jackson) or toString. */
  static final class Probe {
    static final AtomicInteger READS = new AtomicInteger();
    private final String value;

    Probe(String value) {
      this.value = value;
    }

    public String getValue() {
      READS.incrementAndGet();
      return value;
    }

    @Override
    public String toString() {
      READS.incrementAndGet();
      return "Probe(" + value + ")";
    }
  }

  static final class Sampled {
    @TraceChain(name = "job")
    String job(Probe probe, boolean fail) {
      String r = step(probe.value);
      if (fail) {
        throw new IllegalArgumentException("job failed: " + r);
      }
      return r;
    }

    @TraceTool
    String step(String s) {
      return s + "!";
    }

    /** Reports where it runs: the id of its own event, or "none" if it is not traced. */
    @TraceTool
    String whereAmI() {
      return Context.current().spanId().orElse("none");
    }

    @TraceTool
    int add(int a, int b) {
      return a + b;
    }

    /** Runs {@code body} inside a traced call: for switching tracing while the call is in progress. */
    @TraceChain(name = "runs", captureInputs = false)
    String runs(Runnable body) {
      body.run();
      return "ran";
    }

    @TraceChain(name = "runsAndFails", captureInputs = false)
    String runsAndFails(Runnable body) {
      body.run();
      throw new IllegalStateException("after the switch");
    }

    @TraceChain
    @TraceTool
    String doubly(String s) {
      return s + s;
    }

    /** Starts a span and forgets to end it. */
    @TraceTool
    String leavesSpanOpen() {
      HoneyHive.tracer().startSpan(ai.honeyhive.SpanKind.TOOL, "left-open");
      return "x";
    }
  }
}
