package ai.honeyhive.samples.spring;

import ai.honeyhive.test.OpenAiStandIn;
import ai.honeyhive.test.OpenAiStandIn.Reply;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * A Spring Boot service traced by the HoneyHive starter alone: no weaving, no agent, no tracing
 * code. It starts a local OpenAI-compatible stand-in (so it runs offline, with no key), starts the
 * service on a free port of 127.0.0.1, asks its own {@code /ask} endpoint two questions, and stops.
 * With no {@code HH_API_KEY} each request's session is printed as a tree and appended to
 * {@code honeyhive-traces.jsonl}.
 */
@SpringBootApplication
public class WeatherServiceApp {
  static final String MODEL = "gpt-4o-mini";
  static final List<String> CITIES = List.of("Paris", "Oslo");

  public static void main(String[] args) {
    try (OpenAiStandIn openAi = OpenAiStandIn.start()) {
      // what the model answers, in order: for each question a call of the weather tool, then the answer
      int n = 0;
      for (String city : CITIES) {
        n++;
        openAi.then(Reply.json(OpenAiStandIn.toolCall(MODEL, "call_" + n, "get_weather",
                "{\"city\":\"" + city + "\"}", 58, 16)))
            .then(Reply.json(OpenAiStandIn.completion(MODEL, "In " + city + " it is "
                + WeatherTools.forecast(city) + ".", 91, 14)));
      }
      ConfigurableApplicationContext context = new SpringApplicationBuilder(WeatherServiceApp.class)
          .properties("spring.ai.openai.base-url=" + openAi.baseUrl())
          .run(args);
      try (context) {
        String port = context.getEnvironment().getProperty("local.server.port");
        RestClient client = RestClient.create("http://127.0.0.1:" + port);
        for (String city : CITIES) {
          String question = "What is the weather in " + city + "?";
          String answer = client.get()
              .uri(uri -> uri.path("/ask").queryParam("question", question).build())
              .retrieve().body(String.class);
          System.out.println(question + " -> " + answer);
        }
      }  // closing the context flushes the tracer: the trees are printed now, if not already
    }
  }
}
