package ai.honeyhive.spring.it;

import ai.honeyhive.openai.HoneyHiveOpenAI;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.setup.OpenAiSetup;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * What an application does to have the OpenAI SDK wrapper record the calls Spring AI makes: its own
 * {@code OpenAiChatModel} bean (Spring AI's auto-configured one steps aside), built on SDK clients
 * made as Spring AI makes them and wrapped by {@link HoneyHiveOpenAI#wrap}. Spring AI 2.0 builds the
 * SDK's {@code OpenAIClientImpl} itself and offers no client bean or client customizer, so this is
 * the one place a wrapped client goes in.
 */
@TestConfiguration(proxyBeanMethods = false)
class WrappedClientConfig {
  @Bean
  OpenAiChatOptions wrappedClientOptions(Environment env) {
    return OpenAiChatOptions.builder()
        .baseUrl(env.getRequiredProperty("spring.ai.openai.base-url"))
        .apiKey(env.getRequiredProperty("spring.ai.openai.api-key"))
        .model(OpenAiStub.MODEL)
        .temperature(0.3)
        .build();
  }

  @Bean
  OpenAIClient wrappedOpenAiClient(OpenAiChatOptions o, ObservationRegistry observations) {
    return HoneyHiveOpenAI.wrap(OpenAiSetup.setupSyncClient(o.getBaseUrl(), o.getApiKey(), o.getCredential(),
        o.getMicrosoftDeploymentName(), o.getMicrosoftFoundryServiceVersion(), o.getOrganizationId(),
        o.isMicrosoftFoundry(), o.isGitHubModels(), o.getModel(), o.getTimeout(), o.getMaxRetries(), o.getProxy(),
        o.getCustomHeaders(), observations, null, List.of()));
  }

  @Bean
  OpenAIClientAsync wrappedOpenAiClientAsync(OpenAiChatOptions o, ObservationRegistry observations) {
    return HoneyHiveOpenAI.wrap(OpenAiSetup.setupAsyncClient(o.getBaseUrl(), o.getApiKey(), o.getCredential(),
        o.getMicrosoftDeploymentName(), o.getMicrosoftFoundryServiceVersion(), o.getOrganizationId(),
        o.isMicrosoftFoundry(), o.isGitHubModels(), o.getModel(), o.getTimeout(), o.getMaxRetries(), o.getProxy(),
        o.getCustomHeaders(), observations, null, List.of()));
  }

  @Bean
  OpenAiChatModel openAiChatModel(OpenAiChatOptions options, OpenAIClient client, OpenAIClientAsync async,
      ObservationRegistry observations, ToolCallingManager tools) {
    return OpenAiChatModel.builder()
        .openAiClient(client)
        .openAiClientAsync(async)
        .options(options)
        .toolCallingManager(tools)
        .observationRegistry(observations)
        .build();
  }
}
