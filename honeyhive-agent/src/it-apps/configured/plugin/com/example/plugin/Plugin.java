package com.example.plugin;

/** Loaded by a class loader of the application's own, as frameworks and plugin systems do. */
public class Plugin implements Runnable {
  @Override
  public void run() {
    System.out.println("plugin ran");
  }
}
