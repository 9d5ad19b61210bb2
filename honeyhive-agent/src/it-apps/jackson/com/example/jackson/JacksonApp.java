package com.example.jackson;

import ai.honeyhive.annotations.TraceChain;
import ai.honeyhive.annotations.TraceTool;
import com.fasterxml.jackson.annotation.JsonProperty;
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
    return mapper.writeValueAsString(place(sku, quantity));
  }

  @TraceTool(name = "place_order")
  public Order place(String sku, int quantity) {
    return new Order(sku + "-order", quantity);
  }
}
