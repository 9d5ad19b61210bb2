package ai.honeyhive.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.honeyhive.client.EventQuery;
import ai.honeyhive.client.InvalidQueryException;
import ai.honeyhive.config.ConfigurationException;
import ai.honeyhive.config.ExportSettings;
import ai.honeyhive.config.ConfigSources;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.testing.CapturedLog;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input at the boundary: a clear, typed error when it is given, never a broken request later. */
class ApiUrlBoundaryTest {
  private static final String KEY = "hh-boundary-key-0b7e";

  @Test
  void anApiUrlWithAQueryOrFragmentIsRejectedNamingTheSetting() {
    assertThatThrownBy(() -> ConfigSources.of(Map.of("HH_API_URL", "https://host/v1?x=1"), Map.of()).configBuilder().build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("HH_API_URL").hasMessageContaining("query").hasMessageContaining("https://host/v1?x=1");
    assertThatThrownBy(() -> ConfigSources.of(Map.of(), Map.of("honeyhive.api.url", "https://host/v1#top")).configBuilder().build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("honeyhive.api.url");
    assertThatThrownBy(() -> HoneyHiveConfig.builder().apiUrl("https://host/?a=b"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("apiUrl");
    assertThat(ConfigSources.of(Map.of("HH_API_URL", "https://host/v1"), Map.of()).configBuilder().build().apiUrl())
        .isEqualTo(URI.create("https://host/v1"));
  }

  @Test
  void plainHttpToAnotherHostIsSaidOnceWithoutTheKey() {
    try (CapturedLog log = CapturedLog.start()) {
      new ApiHttpClient(URI.create("http://api.cleartext.test"), KEY, ExportSettings.defaults()).close();
      new ApiHttpClient(URI.create("http://api.cleartext.test"), KEY, ExportSettings.defaults()).close();
      new ApiHttpClient(URI.create("http://127.0.0.1:9"), KEY, ExportSettings.defaults()).close();
      new ApiHttpClient(URI.create("http://localhost:9"), KEY, ExportSettings.defaults()).close();
      new ApiHttpClient(URI.create("http://[::1]:9"), KEY, ExportSettings.defaults()).close();
      new ApiHttpClient(URI.create("https://api.cleartext.test"), KEY, ExportSettings.defaults()).close();

      assertThat(log.linesContaining("plain http")).isEqualTo(1);
      assertThat(log.text()).contains("http://api.cleartext.test").doesNotContain(KEY);
    }
  }

  @Test
  void anExportQueryDateTheApiCannotExpressIsRejectedAtTheBuilder() {
    assertThatThrownBy(() -> EventQuery.builder().project("p").dateRange(null, Instant.MAX).build())
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("to").hasMessageContaining("pass null");
    assertThatThrownBy(() -> EventQuery.builder().project("p").dateRange(Instant.MIN, null).build())
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("from");
    EventQuery edge = EventQuery.builder().project("p")
        .dateRange(Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999Z")).build();
    assertThat(edge.toString()).contains("0001-01-01T00:00:00.000Z").contains("9999-12-31T23:59:59.999Z");
  }
}
