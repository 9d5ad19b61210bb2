package com.example.vendor;

public interface LlmClient {
  String complete(String prompt);
}
