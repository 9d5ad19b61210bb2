package ai.honeyhive;

import ai.honeyhive.annotations.TraceTool;
import ai.honeyhive.propagation.Propagation;
import ai.honeyhive.propagation.RemoteContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * Service B of {@link TwoServicesTest}: a JDK HttpServer on 127.0.0.1 whose handler continues the
 * caller's context and runs woven tools. Prints its port, serves until its standard input closes,
 * then exits (the shutdown hook delivers what it traced).
 */
public final class TwoServicesServiceB {
  private TwoServicesServiceB() {}

  static final class Tools {
    @TraceTool(name = "search")
    String search(String query) {
      return rank("results for " + query);
    }

    @TraceTool(name = "rank")
    String rank(String results) {
      return results + " (ranked)";
    }
  }

  public static void main(String[] args) throws IOException {
    Tools tools = new Tools();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/search", exchange -> {
      try (exchange) {
        String query = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        RemoteContext caller = Propagation.extract(exchange.getRequestHeaders());
        String answer;
        try (Scope scope = caller.makeCurrent()) {
          answer = tools.search(query);
        }
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
    });
    server.start();
    System.out.println("listening " + server.getAddress().getPort());
    System.out.flush();
    System.in.readAllBytes();   // until the test closes our input
    server.stop(0);
    System.out.println("service B stopping");
    System.exit(0);
  }
}
