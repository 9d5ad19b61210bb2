package ai.honeyhive.openai;

import ai.honeyhive.openai.internal.Wrapping;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;

/**
 * Records the chat completions and Responses API calls made through an OpenAI Java SDK client as
 * HoneyHive model events: the model, provider and options in {@code config}, the messages (or the
 * instructions and input) in {@code inputs.chat_history}, the assistant's message, tool calls and
 * finish reason (or status) in {@code outputs}, token usage in {@code metadata}, and the error.
 * Blocking, async and streaming calls, and structured-output calls; a stream's event ends when the
 * stream is read to its end or closed, with the accumulated answer and the usage the stream
 * reports.
 *
 * <pre>{@code
 * OpenAIClient client = HoneyHiveOpenAI.wrap(OpenAIOkHttpClient.fromEnv());
 * }</pre>
 *
 * <p>Everything else passes to the SDK unchanged, and what the SDK throws reaches the caller
 * unchanged. Clients and services derived with {@code withOptions(...)}, {@code chat()},
 * {@code responses()} or {@code async()} stay wrapped. A call made while a framework integration
 * (LangChain4j) is already recording the same model call is not recorded again. Wrapping twice
 * wraps once. Under the agent, {@code HH_AGENT_INSTRUMENT_OPENAI=true} wraps every client the SDK's
 * builders build, with no code (docs/integrations.md).
 */
public final class HoneyHiveOpenAI {
  private HoneyHiveOpenAI() {}

  public static OpenAIClient wrap(OpenAIClient client) {
    return Wrapping.client(client);
  }

  public static OpenAIClientAsync wrap(OpenAIClientAsync client) {
    return Wrapping.asyncClient(client);
  }
}
