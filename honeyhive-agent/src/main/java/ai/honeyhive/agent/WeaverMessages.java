package ai.honeyhive.agent;

import ai.honeyhive.transport.internal.ThrottledLogger;
import java.io.PrintStream;
import org.aspectj.bridge.AbortException;
import org.aspectj.bridge.IMessage;
import org.aspectj.bridge.IMessageHandler;
import org.slf4j.LoggerFactory;

/**
 * Where the AspectJ weaver's messages go; the generated {@code aop.xml} names this class, and
 * AspectJ creates one per class loader it weaves for. Not public API.
 *
 * <p>By default the weaver is silent except for errors (a class in scope that could not be
 * woven), which are logged as warnings, rate-limited, under {@code ai.honeyhive.agent.weaver}.
 * With diagnostics on, everything but debug output is printed to standard error as it comes:
 * the registered aspects, each woven join point, and lint warnings.
 */
public final class WeaverMessages implements IMessageHandler {
  private static final ThrottledLogger LOG =
      new ThrottledLogger(LoggerFactory.getLogger("ai.honeyhive.agent.weaver"));
  private static volatile boolean diagnostics;
  private static volatile PrintStream out = System.err;

  /** Created by AspectJ. */
  public WeaverMessages() {}

  static void configure(boolean diagnosticsOn, PrintStream stream) {
    diagnostics = diagnosticsOn;
    out = stream;
  }

  @Override
  public boolean handleMessage(IMessage message) throws AbortException {
    if (message == null || isIgnoring(message.getKind()) || isAboutOurAdvice(message)) {
      return true;
    }
    if (diagnostics) {
      PrintStream o = out;
      o.println("[honeyhive-agent] weaver " + message.getKind() + ": " + message.getMessage());
      if (message.getThrown() != null) {
        message.getThrown().printStackTrace(o);
      }
    } else {
      LOG.warn("weaver-" + message.getKind(), "HoneyHive agent: the AspectJ weaver reported "
          + message.getKind() + ": " + message.getMessage()
          + " (HH_AGENT_DIAGNOSTICS=true shows all weaver output)", message.getThrown());
    }
    if (message.isAbort() || message.isFailed()) {
      // as AspectJ's own handlers do: the weaver stops work on the class at hand
      throw new AbortException(message);
    }
    return true;
  }

  /**
   * Lint about how our around advice is woven (it needs the join point, so AspectJ cannot make
   * it lazy): true of every traced method, so it says nothing about the user's configuration.
   */
  private static boolean isAboutOurAdvice(IMessage message) {
    String text = message.getMessage();
    return text != null && text.endsWith("[Xlint:canNotImplementLazyTjp]");
  }

  @Override
  public boolean isIgnoring(IMessage.Kind kind) {
    if (diagnostics) {
      return kind == IMessage.DEBUG || kind == IMessage.TASKTAG;
    }
    return kind.isSameOrLessThan(IMessage.WARNING);
  }

  @Override
  public void dontIgnore(IMessage.Kind kind) {
    // the agent's diagnostics switch decides, not the weaver's options
  }

  @Override
  public void ignore(IMessage.Kind kind) {
    // the agent's diagnostics switch decides, not the weaver's options
  }
}
