package ai.honeyhive.config;

import ai.honeyhive.config.internal.Setting;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * docs/configuration.md, generated from the {@link Setting} declaration so the page cannot drift
 * from the code; ConfigurationDocTest fails when the file differs. Not public API.
 */
final class ConfigurationTable {
  private ConfigurationTable() {}

  static String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("""
        # Configuration

        <!-- Generated from ai.honeyhive.config.internal.Setting; do not edit by hand. Regenerate with
             mvn -B -q -pl honeyhive-transport -am test -Dtest=ConfigurationDocTest -Dsurefire.failIfNoSpecifiedTests=false -DregenerateDocs=true -->

        A setting set on a builder (`HoneyHiveConfig.builder()`, `TracerSettings.builder()`,
        `ExportSettings.builder()`) wins; builders themselves read nothing from the process.
        `HoneyHive.tracer()`, `HoneyHiveClient.create()`, the agent and the Spring Boot starter read the
        rest through `ConfigSources`, in order: the `honeyhive.*` system property, the `HH_*` environment
        variable (the names HoneyHive's other SDKs read), the agent's configuration file (agent only) or
        Spring's `Environment` (starter only), then the default: the first that is set wins. A malformed
        value fails with a `ConfigurationException` that names the setting, where it came from and the
        fix; the API key never appears in a message or `toString`.
        """);
    table(md, Setting.Group.CONNECTION, """
        ## Where events go: `HoneyHiveConfig.builder()`

        Read by the exporters and the read client (`HoneyHiveClient`), in honeyhive-transport.
        """);
    table(md, Setting.Group.TRACER, """
        ## What the tracer records: `TracerSettings.builder()`

        Sampling, limits, redaction, session name and the local outputs, in honeyhive-core; given to
        `Tracer.builder().settings(...)`.
        """);
    table(md, Setting.Group.EXPORT, """
        ## How events are sent: `ExportSettings.builder()`

        Queue, batches, HTTP and retries; given to `HoneyHiveConfig.builder().export(...)`.
        """);
    md.append("""

        ## The agent's own

        Read from the system property, the environment, then the agent's configuration file.

        | system property | environment | default | meaning |
        |---|---|---|---|
        """);
    for (Setting s : Setting.values()) {
      if (s.group() == Setting.Group.AGENT) {
        md.append("| `").append(s.property()).append("` | `").append(s.variable()).append("` | ")
            .append(s.defaultValue()).append(" | ").append(s.meaning()).append(" |\n");
      }
    }
    md.append("""

        Booleans accept `true`/`false`, `1`/`0`, `yes`/`no`, `on`/`off`. Durations (`…ms`) are whole
        milliseconds; numbers may use `_` as a separator. `Tracer.builder()` also takes a `masker(...)`
        and `serializer(type, fn)`.
        """);
    return md.toString();
  }

  private static void table(StringBuilder md, Setting.Group group, String heading) {
    md.append("\n").append(heading).append("""

        | builder | system property | environment | default | meaning |
        |---|---|---|---|---|
        """);
    for (Setting s : Setting.values()) {
      if (s.group() == group) {
        md.append("| `").append(s.builder()).append("` | `").append(s.property())
            .append(s == Setting.DISABLE_TRACING ? "` (inverted)" : "`")
            .append(" | `").append(s.variable()).append("` | ").append(s.defaultValue())
            .append(" | ").append(s.meaning()).append(range(s)).append(" |\n");
      }
    }
  }

  private static String range(Setting s) {
    if (!s.hasRange()) {
      return "";
    }
    String unit = s.type() == Setting.Type.MILLISECONDS ? " ms" : "";
    if (s.max() == Long.MAX_VALUE) {
      return "; at least " + s.min() + unit;
    }
    return " (" + Stream.of(s.min(), s.max()).map(n -> String.format(Locale.ROOT, "%,d", n)).collect(Collectors.joining(" to "))
        + unit + ")";
  }
}
