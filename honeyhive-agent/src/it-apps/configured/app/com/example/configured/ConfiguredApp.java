package com.example.configured;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/** No annotations anywhere: everything traced is named in the agent's configuration. */
public final class ConfiguredApp {
  public static void main(String[] args) throws Exception {
    Path pluginDir = Path.of(args[0]);
    try (URLClassLoader plugins = new URLClassLoader(new URL[] {pluginDir.toUri().toURL()},
        ConfiguredApp.class.getClassLoader())) {
      Runnable plugin = (Runnable) plugins.loadClass("com.example.plugin.Plugin").getDeclaredConstructor().newInstance();
      System.out.println(new Router(plugin).handle("what is the refund policy?"));
    }
  }
}
