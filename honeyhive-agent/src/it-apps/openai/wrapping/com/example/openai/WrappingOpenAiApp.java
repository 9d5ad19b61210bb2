package com.example.openai;

import ai.honeyhive.openai.HoneyHiveOpenAI;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

/** An application that wraps its client itself, as docs/integrations.md shows, and may run under the agent's switch too. */
public class WrappingOpenAiApp {
  public static void main(String[] args) {
    String baseUrl = args[0];
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini").addUserMessage("What is 2 + 3?").build();
    OpenAIClient client = HoneyHiveOpenAI.wrap(
        OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey("sk-test").maxRetries(0).build());
    try {
      System.out.println("answer: " + client.chat().completions().create(params).choices().get(0).message().content().orElse(""));
      System.out.println("answer: " + client.chat().completions().create(params).choices().get(0).message().content().orElse(""));
    } finally {
      client.close();
    }
  }
}
