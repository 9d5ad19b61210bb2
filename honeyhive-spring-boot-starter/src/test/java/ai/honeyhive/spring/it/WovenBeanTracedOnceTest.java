package ai.honeyhive.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.honeyhive.Tracer;
import ai.honeyhive.aspects.TraceAspect;
import ai.honeyhive.spring.boot.HoneyHiveAutoConfiguration;
import ai.honeyhive.spring.it.woven.Greeter;
import ai.honeyhive.test.HoneyHiveStandIn;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.aspectj.bridge.IMessage;
import org.aspectj.bridge.MessageHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A bean whose class AspectJ wove traces itself; the proxy leaves it alone: one event per call, not two. */
class WovenBeanTracedOnceTest {
  private static final String CLASS_FILE = Greeter.class.getName().replace('.', '/') + ".class";

  @Test
  @Timeout(120)
  void aWovenBeanMethodProducesOneEventAndAPlainOneIsProxied(@TempDir Path tmp) throws Exception {
    Class<?> woven = weave(tmp);
    assertThat(Arrays.stream(woven.getDeclaredFields()).map(Field::getName)).anyMatch(n -> n.startsWith("ajc$"));
    Object wovenGreeter = woven.getConstructor().newInstance();

    try (HoneyHiveStandIn honeyhive = HoneyHiveStandIn.start()) {
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(HoneyHiveAutoConfiguration.class))
          .withPropertyValues("honeyhive.api.key=hh-test-key", "honeyhive.api.url=" + honeyhive.url(),
              "honeyhive.project=woven-test", "honeyhive.batch.delay.ms=20")
          .withBean("wovenGreeter", Object.class, () -> wovenGreeter)
          .withBean("plainGreeter", Greeter.class, Greeter::new)
          .run(ctx -> {
            Object wovenBean = ctx.getBean("wovenGreeter");
            Greeter plainBean = ctx.getBean("plainGreeter", Greeter.class);
            assertThat(AopUtils.isAopProxy(wovenBean)).as("woven class left unproxied").isFalse();
            assertThat(AopUtils.isAopProxy(plainBean)).as("plain class proxied").isTrue();

            Method greet = woven.getMethod("greet", String.class);
            assertThat(greet.invoke(wovenBean, "woven")).isEqualTo("hello woven");
            assertThat(plainBean.greet("plain")).isEqualTo("hello plain");
            assertThat(ctx.getBean(Tracer.class).flush(Duration.ofSeconds(10))).isTrue();

            await().untilAsserted(() -> {
              List<JsonNode> greets = WireEvents.of(honeyhive).stream()
                  .filter(e -> "greet".equals(e.path("event_name").asText())).toList();
              assertThat(greets).extracting(e -> e.path("inputs").path("name").asText())
                  .containsExactlyInAnyOrder("woven", "plain");
            });
          });
    }
  }

  /** Weaves Greeter's class file with the HoneyHive aspects (ajc binary weaving) and loads the result apart. */
  private static Class<?> weave(Path tmp) throws Exception {
    Path testClasses = Path.of(Greeter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path in = tmp.resolve("in");
    Path out = tmp.resolve("out");
    Files.createDirectories(in.resolve(CLASS_FILE).getParent());
    Files.copy(testClasses.resolve(CLASS_FILE), in.resolve(CLASS_FILE));
    Path aspects = Path.of(TraceAspect.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    MessageHandler messages = new MessageHandler();
    new org.aspectj.tools.ajc.Main().run(new String[] {
        "-inpath", in.toString(), "-aspectpath", aspects.toString(),
        "-classpath", System.getProperty("java.class.path"), "-d", out.toString(), "-nowarn"}, messages);
    assertThat(messages.getMessages(IMessage.ERROR, true)).as("ajc errors").isEmpty();
    byte[] bytes = Files.readAllBytes(out.resolve(CLASS_FILE));
    return new WovenLoader(WovenBeanTracedOnceTest.class.getClassLoader()).define(Greeter.class.getName(), bytes);
  }

  /** Holds the woven Greeter beside the plain one; everything else comes from the test's loader. */
  private static final class WovenLoader extends ClassLoader {
    WovenLoader(ClassLoader parent) {
      super(parent);
    }

    Class<?> define(String name, byte[] bytes) throws IOException {
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
