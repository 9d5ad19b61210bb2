package ai.honeyhive;

import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.annotations.TraceTool;
import ai.honeyhive.propagation.PropagatingHttpClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Service A of {@link TwoServicesTest}: a woven chain that calls service B (its URL is the first
 * argument) over HTTP with the propagating JDK client, then exits (the shutdown hook delivers).
 */
public final class TwoServicesServiceA {
  private TwoServicesServiceA() {}

  static final class Agent {
    private final HttpClient http = PropagatingHttpClient.wrap(HttpClient.newHttpClient());
    private final String serviceB;

    Agent(String serviceB) {
      this.serviceB = serviceB;
    }

    @TraceChain(name = "answer")
    String answer(String question) throws Exception {
      return "answer from " + callSearch(question);
    }

    @TraceTool(name = "call-search-service")
    String callSearch(String query) throws Exception {
      HttpRequest request = HttpRequest.newBuilder(URI.create(serviceB + "/search"))
          .POST(HttpRequest.BodyPublishers.ofString(query)).build();
      return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
  }

  public static void main(String[] args) throws Exception {
    System.out.println(new Agent(args[0]).answer("what is propagation"));
  }
}
