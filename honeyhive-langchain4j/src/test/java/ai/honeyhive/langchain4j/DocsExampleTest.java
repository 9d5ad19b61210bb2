package ai.honeyhive.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable example in docs/integrations.md compiles against the versions the build pins. */
class DocsExampleTest {
  private static final Pattern BLOCK = Pattern.compile("```java\\n// example: (\\S+)\\n(.*?)```", Pattern.DOTALL);

  @Test
  void theDocumentedExampleCompiles(@TempDir Path dir) throws IOException {
    String docs = Files.readString(Path.of("..", "docs", "integrations.md"), StandardCharsets.UTF_8);
    String source = null;
    for (Matcher m = BLOCK.matcher(docs); m.find(); ) {
      if (m.group(1).equals("langchain4j")) {
        source = m.group(2);
      }
    }
    assertThat(source).as("a ```java block starting '// example: langchain4j' in docs/integrations.md").isNotNull();
    Matcher className = Pattern.compile("public class (\\w+)").matcher(source);
    assertThat(className.find()).isTrue();
    Path file = dir.resolve(className.group(1) + ".java");
    Files.writeString(file, source, StandardCharsets.UTF_8);

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(file.toFile());
      List<String> options = List.of("-classpath", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), "-d", dir.toString(),
          "-proc:none", "-Xlint:none");
      boolean ok = compiler.getTask(diagnostics, files, null, options, null, units).call();
      assertThat(ok).as(diagnostics.toString()).isTrue();
    }
    assertThat(dir.resolve(className.group(1) + ".class")).exists();
  }
}
