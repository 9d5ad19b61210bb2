package com.example.jackson;

import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.annotations.TraceTool;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.PackageVersion;

/** An application with a Jackson of its own, older than the agent's. */
public class JacksonApp {
  public static class Order {
    @JsonProperty("order_id")
    public String id;
    public int quantity;

    public Order(String id, int quantity) {
      this.id = id;
      this.quantity = quantity;
    }
  }

  private final ObjectMapper mapper = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    System.out.println("jackson " + PackageVersion.VERSION);
    System.out.println("json " + new JacksonApp().checkout("sku-1", 3));
  }

  @TraceChain(name = "checkout")
  public String checkout(String sku, int quantity) throws Exception {
    JsonNode reply = parseReply("{\"role\":\"assistant\",\"tool_calls\":[{\"name\":\"place\",\"n\":[1,2]}]}");
    return mapper.writeValueAsString(place(sku, reply.at("/tool_calls/0/n").size() + quantity - 2));
  }

  /** Returns a tree of the application's own Jackson: recorded as the JSON it holds. */
  @TraceTool(name = "parse_reply")
  public JsonNode parseReply(String json) throws Exception {
    return mapper.readTree(json);
  }

  @TraceTool(name = "place_order")
  public Order place(String sku, int quantity) {
    return new Order(sku + "-order", quantity);
  }
}
