package ai.honeyhive.langchain4j;

import ai.honeyhive.langchain4j.internal.ModelCalls;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;

/**
 * Records every call of the chat model it is registered on as a HoneyHive model event: the model,
 * provider and options in {@code config}, the messages in {@code inputs.chat_history}, the
 * assistant's message, tool calls and finish reason in {@code outputs}, token usage in
 * {@code metadata}, and the error. A streaming model gives one event per stream, ended when the
 * stream completes or fails, on whichever thread that happens.
 *
 * <pre>{@code
 * ChatModel model = OpenAiChatModel.builder()
 *     .apiKey(key).modelName("gpt-4o-mini")
 *     .listeners(List.of(new HoneyHiveChatModelListener()))
 *     .build();
 * }</pre>
 *
 * <p>AI Services need no listener: with this module on the class path their model calls are
 * recorded anyway, and a model with this listener inside an AI Service call is recorded once.
 * Never throws.
 */
public final class HoneyHiveChatModelListener implements ChatModelListener {

  @Override
  public void onRequest(ChatModelRequestContext context) {
    ModelCalls.onRequest(context.attributes(), context.chatRequest(), context.modelProvider());
  }

  @Override
  public void onResponse(ChatModelResponseContext context) {
    ModelCalls.onResponse(context.attributes(), context.chatRequest(), context.chatResponse());
  }

  @Override
  public void onError(ChatModelErrorContext context) {
    ModelCalls.onError(context.attributes(), context.error());
  }
}
