package ai.honeyhive.benchmarks;

import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code --name N} options of a plain-main run that takes only counts: each has a default; an
 * unknown option, or one without its number, prints the options and exits.
 */
final class CountOptions {
  private final Map<String, Integer> values;

  private CountOptions(Map<String, Integer> values) {
    this.values = values;
  }

  static CountOptions parse(String[] args, Map<String, Integer> defaults) {
    Map<String, Integer> values = new TreeMap<>(defaults);
    for (int i = 0; i < args.length; i++) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : args[i];
      if (!values.containsKey(name) || i + 1 == args.length) {
        StringBuilder usage = new StringBuilder("Options:");
        values.keySet().forEach(n -> usage.append(" --").append(n).append(" N"));
        System.err.println(usage);
        System.exit(2);
      }
      values.put(name, Integer.parseInt(args[++i]));
    }
    return new CountOptions(values);
  }

  int get(String name) {
    return values.get(name);
  }
}
