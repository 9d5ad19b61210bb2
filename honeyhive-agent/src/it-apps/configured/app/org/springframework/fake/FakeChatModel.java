package org.springframework.fake;

/** In a package the agent excludes by default; traced because the configuration names it. */
public class FakeChatModel {
  public String call(String message) {
    return message + " (checked)";
  }
}
