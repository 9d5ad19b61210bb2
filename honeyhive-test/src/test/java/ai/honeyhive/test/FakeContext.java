package ai.honeyhive.test;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;

/** An ExtensionContext with only a working store: enough to drive the extension by hand. */
final class FakeContext {
  private FakeContext() {}

  static ExtensionContext create() {
    Map<Object, Object> values = new HashMap<>();
    ExtensionContext.Store store = (ExtensionContext.Store) Proxy.newProxyInstance(FakeContext.class.getClassLoader(),
        new Class<?>[] {ExtensionContext.Store.class}, (proxy, method, args) -> switch (method.getName()) {
          case "put" -> values.put(args[0], args[1]);
          case "get" -> values.get(args[0]);
          case "remove" -> values.remove(args[0]);
          default -> throw new UnsupportedOperationException(method.getName());
        });
    return (ExtensionContext) Proxy.newProxyInstance(FakeContext.class.getClassLoader(),
        new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> {
          if (method.getName().equals("getStore")) {
            return store;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
