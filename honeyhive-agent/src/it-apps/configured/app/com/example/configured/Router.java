package com.example.configured;

import com.example.vendor.LlmClient;
import com.example.vendor.SearchIndex;
import com.example.vendor.VendorClient;
import org.springframework.fake.FakeChatModel;

public class Router {
  private final SearchIndex index = new SearchIndex();
  private final LlmClient client = new VendorClient();
  private final Runnable plugin;

  public Router(Runnable plugin) {
    this.plugin = plugin;
  }

  public String handle(String question) {
    String docs = index.query(question, 3);
    String draft = client.complete("context: " + docs + "; question: " + question);
    String checked = new FakeChatModel().call(draft);
    plugin.run();
    return new Formatter.Inner().format(checked);
  }
}
