package com.example.vendor;

/** An implementation of the configured interface: traced through the interface's entry. */
public class VendorClient implements LlmClient {
  @Override
  public String complete(String prompt) {
    return "answer(" + prompt.length() + ")";
  }
}
