package ai.honeyhive.config;

import ai.honeyhive.config.internal.Setting;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is what the {@link Setting} declaration generates (the tracer's defaults
 * are checked against it in honeyhive-core, TracerSettingsTest). After changing a
 * setting, regenerate it with
 * {@code mvn -B -q -pl honeyhive-transport -am test -Dtest=ConfigurationDocTest -Dsurefire.failIfNoSpecifiedTests=false -DregenerateDocs=true}.
 */
class ConfigurationDocTest {
  private static final Path DOC = Path.of("..", "docs", "configuration.md");

  @Test
  void docsConfigurationMdIsWhatTheDeclarationGenerates() throws Exception {
    String generated = ConfigurationTable.markdown();
    if (Boolean.getBoolean("regenerateDocs")) {
      Files.createDirectories(DOC.getParent());
      Files.writeString(DOC, generated, StandardCharsets.UTF_8);
    }
    assertThat(DOC).as("docs/configuration.md (regenerate: see this test's Javadoc)").exists();
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
        .as("docs/configuration.md differs from the Setting declaration; regenerate it (see this test's Javadoc)")
        .isEqualTo(generated);
  }

  @Test
  void everySettingIsInTheTableWithItsPropertyAndVariable() {
    String md = ConfigurationTable.markdown();
    for (Setting s : Setting.values()) {
      assertThat(md).contains("`" + s.property() + "`").contains("`" + s.variable() + "`");
      assertThat(s.variable()).isEqualTo(ConfigSources.variableOf(s.property()));
    }
  }

  @Test
  void everyExportSettingIsReadByTheExportSettingsBuilderUnderItsDeclaredName() {
    java.util.Set<Setting> read = java.util.EnumSet.of(Setting.BATCH_FORM);
    for (ExportSettings.Key k : ExportSettings.Key.values()) {
      read.add(k.setting);
      assertThat(k.method).as("%s's builder method", k.setting).isEqualTo(k.setting.builder());
    }
    for (Setting s : Setting.values()) {
      assertThat(read.contains(s)).as("%s is read by ExportSettingsBuilder", s).isEqualTo(s.group() == Setting.Group.EXPORT);
    }
  }

  @Test
  void theDeclaredDefaultsAreTheOnesTheTransportUses() {
    for (ExportSettings.Key k : ExportSettings.Key.values()) {
      assertThat(k.setting.defaultValue()).as(k.setting.name()).startsWith("`" + k.dflt + "`");
    }
    HoneyHiveConfig d = HoneyHiveConfig.builder().build();
    assertThat(Setting.SOURCE.defaultValue()).isEqualTo("`" + d.source() + "`");
    assertThat(Setting.API_URL.defaultValue()).isEqualTo("`" + d.apiUrl() + "`");
    String form = Setting.BATCH_FORM.defaultValue().replace("`", "");
    assertThat(ConfigSources.of(java.util.Map.of(), java.util.Map.of(Setting.BATCH_FORM.property(), form))
        .configBuilder().build().export().batchForm()).isEqualTo(d.export().batchForm());
  }
}
