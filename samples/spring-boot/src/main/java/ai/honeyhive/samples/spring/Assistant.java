package ai.honeyhive.samples.spring;

import ai.honeyhive.annotations.TraceChain;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.stereotype.Service;

/** Answers a question through a ChatClient that may call the weather tool. */
@Service
public class Assistant {
  private final ChatClient chat;
  private final WeatherTools tools;

  public Assistant(ChatClient.Builder chat, WeatherTools tools) {
    this.chat = chat.defaultSystem("You answer questions about the weather, briefly.").build();
    this.tools = tools;
  }

  /** A bean method: the starter traces it through a Spring AOP proxy, as the root of the request's session. */
  @TraceChain(name = "answer_question")
  public String answer(String question) {
    return chat.prompt().user(question).tools(tools).call().content();
  }
}
