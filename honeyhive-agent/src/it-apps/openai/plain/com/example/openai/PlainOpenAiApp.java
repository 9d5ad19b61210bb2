package com.example.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.concurrent.TimeUnit;

/** An application that calls OpenAI through the SDK's builders and has no HoneyHive code at all. */
public class PlainOpenAiApp {
  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini").addUserMessage("What is 2 + 3?").build();
    OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey("sk-test").maxRetries(0).build();
    try {
      System.out.println("answer: " + client.chat().completions().create(params).choices().get(0).message().content().orElse(""));
      System.out.println("answer: " + client.chat().completions().create(params).choices().get(0).message().content().orElse(""));
    } finally {
      client.close();
    }
    OpenAIClientAsync async = OpenAIOkHttpClientAsync.builder().baseUrl(baseUrl).apiKey("sk-test").maxRetries(0).build();
    try {
      System.out.println("answer: " + async.chat().completions().create(params).get(30, TimeUnit.SECONDS)
          .choices().get(0).message().content().orElse(""));
    } finally {
      async.close();
    }
  }
}
