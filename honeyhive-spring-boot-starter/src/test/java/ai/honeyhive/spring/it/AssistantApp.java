package ai.honeyhive.spring.it;

import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.annotations.TraceTool;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** A small application answering questions through a ChatClient with one tool. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class AssistantApp {
  @Bean
  WeatherTools weatherTools() {
    return new WeatherTools();
  }

  @Bean
  Assistant assistant(ChatClient.Builder chat, WeatherTools tools) {
    return new Assistant(chat.build(), tools);
  }

  @Bean
  Slow slow() {
    return new Slow();
  }

  public static class WeatherTools {
    @Tool(name = "get_weather", description = "The weather in a city")
    public String getWeather(String city) {
      return "sunny, 21 C in " + city;
    }
  }

  public static class Assistant {
    private final ChatClient chat;
    private final WeatherTools tools;

    Assistant(ChatClient chat, WeatherTools tools) {
      this.chat = chat;
      this.tools = tools;
    }

    @TraceChain
    public String ask(String question) {
      return chat.prompt().user(question).tools(tools).call().content();
    }

    @TraceChain(name = "stream_answer")
    public String streamed(String question) {
      return String.join("", chat.prompt().user(question).stream().content().collectList().block());
    }

    @TraceTool
    public int lookup(String key, int times) {
      if (times < 0) {
        throw new IllegalArgumentException("times must not be negative");
      }
      return key.length() * times;
    }

    final java.util.concurrent.atomic.AtomicInteger plainCalls = new java.util.concurrent.atomic.AtomicInteger();

    /** Not annotated, on a proxied bean: goes through the proxy untraced. */
    public void plainThatFails() {
      plainCalls.incrementAndGet();
      throw new IllegalStateException("plain failure");
    }

    public int plainCalls() {
      return plainCalls.get();
    }

    @TraceChain
    public CompletableFuture<String> later(String value, CompletableFuture<String> gate) {
      return gate.thenApply(v -> value + v);
    }
  }

  /** A call that waits for the test, to be running when the context closes. */
  public static class Slow {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @TraceChain(name = "slow_request")
    public String work(String input) throws InterruptedException {
      entered.countDown();
      release.await(30, TimeUnit.SECONDS);
      return "done " + input;
    }

    /** Not traced: a proxy's fields are not the bean's, so the test reaches the latches through methods. */
    public boolean awaitEntered() throws InterruptedException {
      return entered.await(30, TimeUnit.SECONDS);
    }

    public void release() {
      release.countDown();
    }
  }
}
