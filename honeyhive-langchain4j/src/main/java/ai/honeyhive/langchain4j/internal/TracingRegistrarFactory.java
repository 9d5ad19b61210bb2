package ai.honeyhive.langchain4j.internal;

import dev.langchain4j.observability.api.AiServiceListenerRegistrar;
import dev.langchain4j.spi.observability.AiServiceListenerRegistrarFactory;

/**
 * Loaded by LangChain4j through {@code ServiceLoader} for every AI Service it builds: with this
 * module on the class path, every AI Service call is recorded without any code. Not public API.
 */
public final class TracingRegistrarFactory implements AiServiceListenerRegistrarFactory {

  @Override
  public AiServiceListenerRegistrar get() {
    return new TracingRegistrar();
  }
}
