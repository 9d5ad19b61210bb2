package ai.honeyhive.openai.internal;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;

/**
 * What the agent's {@code honeyhive.agent.instrument.openai} switch weaves into the SDK's own
 * builders: every client they build is returned wrapped ({@link Wrapping}), as if the application
 * had called {@code HoneyHiveOpenAI.wrap} on it. Declared in the agent's {@code aop.xml} only when
 * the switch is on, scoped to the SDK's builder package and required to find the SDK. A client the
 * application then wraps itself is not wrapped twice. Not public API.
 *
 * <p>What the SDK's {@code build()} throws (a missing API key, say) reaches the application
 * unchanged; a failure of ours returns the client unwrapped.
 */
@Aspect
public final class SdkBuilderAspect {

  @Around("execution(com.openai.client.OpenAIClient com.openai.client.okhttp.OpenAIOkHttpClient.Builder.build())")
  public Object wrapClient(ProceedingJoinPoint builder) throws Throwable {
    Object client = builder.proceed();
    try {
      // the instanceof is false when the SDK was loaded where our copy of it is not visible
      // (a nested-jar launcher): the proxy would not be the type build() promises
      return client instanceof OpenAIClient c ? Wrapping.client(c) : notVisible(client);
    } catch (Throwable t) {
      Failures.contain("wrap of a client the SDK built", t);
      return client;
    }
  }

  @Around("execution(com.openai.client.OpenAIClientAsync com.openai.client.okhttp.OpenAIOkHttpClientAsync.Builder.build())")
  public Object wrapAsyncClient(ProceedingJoinPoint builder) throws Throwable {
    Object client = builder.proceed();
    try {
      return client instanceof OpenAIClientAsync c ? Wrapping.asyncClient(c) : notVisible(client);
    } catch (Throwable t) {
      Failures.contain("wrap of a client the SDK built", t);
      return client;
    }
  }

  private static Object notVisible(Object client) {
    if (client != null) {
      Failures.contain("wrap of a client the SDK built", new IllegalStateException(
          "the OpenAI SDK is loaded by a class loader the agent cannot see; wrap the client with"
              + " HoneyHiveOpenAI.wrap(...) instead"));
    }
    return client;
  }
}
