package ai.honeyhive.aspects;

import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.annotations.TraceModel;
import ai.honeyhive.annotations.TraceTool;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Annotated classes woven by ajc at test-compile time, exactly as a user's build weaves theirs. */
final class Fixtures {
  private Fixtures() {}

  static final class Pipeline {
    @TraceChain(name = "answer")
    String answer(String question) {
      List<String> docs = retrieve(question, 2);
      String completion = complete("ctx: " + docs + " q: " + question);
      return postprocess(completion);
    }

    @TraceTool
    List<String> retrieve(String query, int k) {
      return List.of("doc-" + query, "doc-" + k);
    }

    @TraceModel(model = "stub-1", provider = "local")
    String complete(String prompt) {
      return "completion of " + prompt.length();
    }

    @TraceTool(name = "post")
    String postprocess(String text) {
      return text.toUpperCase();
    }

    @TraceChain
    String threeDeep(int n) {
      return level2(n);
    }

    @TraceChain
    String level2(int n) {
      return level3(n);
    }

    @TraceTool
    String level3(int n) {
      return "leaf" + n;
    }

    @TraceChain
    int factorial(int n) {
      return n <= 1 ? 1 : n * factorial(n - 1);
    }

    @TraceChain
    String outerCatching() {
      try {
        failing("x");
      } catch (IllegalStateException expected) {
        // the chain handles it and carries on
      }
      return level3(7);
    }

    @TraceChain
    String outerRethrowing(RuntimeException toThrow) {
      return middleRethrowing(toThrow);
    }

    @TraceTool
    String middleRethrowing(RuntimeException toThrow) {
      throw toThrow;
    }

    @TraceTool
    String failing(String arg) {
      throw new IllegalStateException("boom " + arg);
    }

    @TraceTool
    String checked(boolean fail) throws IOException {
      if (fail) {
        throw new IOException("disk on fire");
      }
      return "ok";
    }

    @TraceTool
    void nothing(String s) {}

    @TraceTool
    int primitive(int a, long b) {
      return a + (int) b;
    }

    @TraceTool
    Object nullResult() {
      return null;
    }

    @TraceTool
    Map<String, Object> mapResult() {
      return Map.of("role", "assistant", "content", "hi");
    }

    @TraceTool
    static String staticTool(String s) {
      return "static " + s;
    }

    @TraceTool(captureInputs = false, captureOutputs = false)
    String secretive(String token) {
      return "hidden";
    }

    @TraceChain
    StringBuilder mutable(StringBuilder sb) {
      return sb.append("!");
    }
  }

  /** Methods of each arity the aspect binds arguments for, and past it; primitives and nulls. */
  static final class Arities {
    @TraceTool
    String none() {
      return "0";
    }

    @TraceTool
    String one(long a) {
      return "1";
    }

    @TraceChain
    String two(String a, boolean b) {
      return "2";
    }

    @TraceModel(model = "m", provider = "p")
    String three(double a, String b, char c) {
      return "3";
    }

    @TraceTool
    String four(int a, String b, Object c, byte d) {
      return "4";
    }

    @TraceTool
    String five(String a, String b, String c, String d, int... e) {
      return "5";
    }
  }
}
