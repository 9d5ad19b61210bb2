package ai.honeyhive.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runnable examples in docs/integrations.md compile against the versions the build pins. Here
 * for both integrations: this module's tests have LangChain4j, and the OpenAI SDK with
 * honeyhive-openai too (for OfficialSdkModelTest).
 */
class DocsExampleTest {
  private static final Pattern BLOCK = Pattern.compile("```java\\n// example: (\\S+)\\n(.*?)```", Pattern.DOTALL);

  private static Map<String, String> examples() throws IOException {
    String docs = Files.readString(Path.of("..", "docs", "integrations.md"), StandardCharsets.UTF_8);
    Map<String, String> found = new LinkedHashMap<>();
    for (Matcher m = BLOCK.matcher(docs); m.find(); ) {
      found.put(m.group(1), m.group(2));
    }
    return found;
  }

  @Test
  void everyExampleIsCheckedHere() throws IOException {
    assertThat(examples().keySet()).containsExactlyInAnyOrder("langchain4j", "openai");
  }

  @ParameterizedTest
  @ValueSource(strings = {"langchain4j", "openai"})
  void theDocumentedExampleCompiles(String example, @TempDir Path dir) throws IOException {
    String source = examples().get(example);
    assertThat(source).as("a ```java block starting '// example: %s' in docs/integrations.md", example).isNotNull();
    Matcher className = Pattern.compile("public class (\\w+)").matcher(source);
    assertThat(className.find()).isTrue();
    Path file = dir.resolve(className.group(1) + ".java");
    Files.writeString(file, source, StandardCharsets.UTF_8);

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(file.toFile());
      List<String> options = List.of("-classpath",
          System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
          "-d", dir.toString(), "-proc:none", "-Xlint:none");
      boolean ok = compiler.getTask(diagnostics, files, null, options, null, units).call();
      assertThat(ok).as(diagnostics.toString()).isTrue();
    }
    assertThat(dir.resolve(className.group(1) + ".class")).exists();
  }
}
