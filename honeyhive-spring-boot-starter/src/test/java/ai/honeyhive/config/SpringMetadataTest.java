package ai.honeyhive.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.honeyhive.config.internal.Setting;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The starter's configuration metadata (what IDEs complete and document in application.yml) is
 * generated from the one {@link Setting} declaration, so it cannot drift from what the adapter
 * reads. Regenerate with
 * {@code mvn -B -q -pl honeyhive-spring-boot-starter -am verify -Dtest=SpringMetadataTest -Dsurefire.failIfNoSpecifiedTests=false -DregenerateDocs=true}.
 */
class SpringMetadataTest {
  private static final Path FILE = Path.of("src/main/resources/META-INF/spring-configuration-metadata.json");

  @Test
  void theMetadataFileListsEverySettingTheAdapterReads() throws IOException {
    String expected = metadata();
    if (Boolean.getBoolean("regenerateDocs")) {
      Files.writeString(FILE, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
        .as("%s is generated from Setting: regenerate it (see this test's comment)", FILE)
        .isEqualTo(expected);
  }

  static String metadata() throws IOException {
    List<Map<String, Object>> properties = new ArrayList<>();
    List<Map<String, Object>> hints = new ArrayList<>();
    for (Setting s : Setting.values()) {
      if (s.isAgent()) {
        continue;   // read by the agent at JVM start, never from a Spring application's properties
      }
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("name", s.property());
      p.put("type", javaType(s.type()));
      p.put("description", description(s));
      properties.add(p);
      if (s == Setting.BATCH_FORM) {
        hints.add(ordered("name", s.property(), "values", List.of(
            ordered("value", "multi", "description", "Many sessions per request."),
            ordered("value", "single", "description", "One session per request."))));
      }
    }
    properties.add(springOnly("honeyhive.spring.annotations",
        "Trace @TraceChain/@TraceTool/@TraceModel methods of Spring beans through Spring AOP proxies."));
    properties.add(springOnly("honeyhive.spring.ai",
        "Record Spring AI's chat client, chat model, tool and embedding observations as events."));
    properties.add(springOnly("honeyhive.spring.conversations",
        "Trace the turns of one Spring AI conversation (chat memory conversation id) as one session."));
    properties.add(springOnly("honeyhive.spring.propagation",
        "Carry the HoneyHive context across services as W3C traceparent/baggage: outgoing RestClient, RestTemplate"
            + " and WebClient requests, incoming servlet and WebFlux requests."));
    properties.add(springOnly("honeyhive.spring.propagation.incoming",
        "Continue a caller's HoneyHive context from incoming servlet and WebFlux requests. Turn it off on a service"
            + " the public calls directly: a valid header chooses the session and project its events join."));
    Map<String, Object> idle = springOnly("honeyhive.spring.conversation.idle.ms",
        "How long a conversation's session stays open without a turn before it is closed and announced.");
    idle.put("type", "java.lang.Long");
    idle.put("defaultValue", 1_800_000L);
    properties.add(idle);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("groups", List.of(ordered("name", "honeyhive", "description",
        "HoneyHive tracing. Also read from honeyhive.* system properties and HH_* environment variables, which win.")));
    root.put("properties", properties);
    root.put("hints", hints);
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
  }

  /** Map.of's order changes from run to run: the file must not. */
  private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  private static Map<String, Object> springOnly(String name, String description) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", name);
    p.put("type", "java.lang.Boolean");
    p.put("description", description + " Spring Boot starter only.");
    p.put("defaultValue", true);
    return p;
  }

  private static String description(Setting s) {
    String meaning = s.meaning().replace("`", "");
    String text = Character.toUpperCase(meaning.charAt(0)) + meaning.substring(1) + ".";
    if (s.hasRange()) {
      text += " From " + s.min() + (s.max() == Long.MAX_VALUE ? "" : " to " + s.max())
          + (s.type() == Setting.Type.MILLISECONDS ? " ms" : "") + ".";
    }
    return text + " Default: " + s.defaultValue().replace("`", "") + ". Environment: " + s.variable() + ".";
  }

  private static String javaType(Setting.Type t) {
    switch (t) {
      case BOOLEAN:
        return "java.lang.Boolean";
      case WHOLE_NUMBER:
      case MILLISECONDS:
        return "java.lang.Long";
      case DECIMAL:
        return "java.lang.Double";
      default:
        return "java.lang.String";
    }
  }
}
