package ai.honeyhive;

import ai.honeyhive.config.ConfigSources;
import ai.honeyhive.config.HoneyHiveConfig;
import ai.honeyhive.internal.LocalExporters;
import ai.honeyhive.internal.TracerConfig;
import ai.honeyhive.internal.TracerRuntime;
import ai.honeyhive.internal.TracerRuntimes;
import ai.honeyhive.internal.capture.SafeValueCapture;
import ai.honeyhive.transport.export.EventExporter;
import ai.honeyhive.transport.export.internal.BatchingSessionProcessor;
import ai.honeyhive.transport.export.internal.SessionProcessor;
import ai.honeyhive.transport.export.internal.SimpleSessionProcessor;
import ai.honeyhive.transport.http.internal.HttpExporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Chooses a {@link Tracer}'s configuration ({@link HoneyHiveConfig}: where events go), its
 * {@link TracerSettings} (what it records) and exporters. Unset, both take their defaults alone: a
 * builder never reads system properties or the environment ({@link HoneyHive#tracer()} does,
 * through {@link ConfigSources}).
 */
public final class TracerBuilder {
  private HoneyHiveConfig config;
  private TracerSettings settings;
  private final List<EventExporter> exporters = new ArrayList<>();
  private SessionProcessor processor;
  private final List<Map.Entry<Class<?>, Function<Object, ?>>> serializers = new ArrayList<>();
  private ValueMasker masker;

  TracerBuilder() {}

  /**
   * The configuration; default {@code HoneyHiveConfig.builder().build()}, the defaults alone: a
   * builder never reads system properties or the environment ({@link HoneyHive#tracer()} does,
   * through {@link ConfigSources}).
   */
  public TracerBuilder config(HoneyHiveConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    return this;
  }

  /**
   * What the tracer records: sampling, limits, redaction, session name, console and file output;
   * default {@code TracerSettings.builder().build()}, the defaults alone.
   */
  public TracerBuilder settings(TracerSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /**
   * Sends sessions to this exporter instead of those the configuration implies. May be called
   * more than once. Like the configured exporters, it sits behind a batching processor (with
   * the configuration's export settings), so no traced call waits on it. Tests that want each
   * session exported before the traced call returns use {@link #synchronousExporter} instead.
   */
  public TracerBuilder exporter(EventExporter exporter) {
    exporters.add(Objects.requireNonNull(exporter, "exporter"));
    return this;
  }

  /**
   * Sends each session to this exporter on the thread that completes it, before the traced call
   * returns: for tests that assert on an {@link ai.honeyhive.transport.export.InMemoryExporter}
   * right after the call. The traced thread waits for the export, so use it only with an
   * exporter that does no I/O. Replaces any {@link #exporter}.
   */
  public TracerBuilder synchronousExporter(EventExporter exporter) {
    return processor(new SimpleSessionProcessor(Objects.requireNonNull(exporter, "exporter")));
  }

  /** Hands completed sessions to this processor, which owns the exporters (internal: see {@link TracerRuntimes}). */
  TracerBuilder processor(SessionProcessor processor) {
    this.processor = Objects.requireNonNull(processor, "processor");
    return this;
  }

  /**
   * Captures values of {@code type} (and its subtypes) as what {@code serializer} returns,
   * e.g. a {@code String} or a {@code Map}, which is then captured with the usual limits and
   * redaction. It runs on the traced thread; if it throws, the value is recorded as a marker.
   * For a subtype of several registered types, the first registered wins.
   */
  @SuppressWarnings("unchecked")
  public <T> TracerBuilder serializer(Class<T> type, Function<? super T, ?> serializer) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(serializer, "serializer");
    serializers.add(Map.entry(type, (Function<Object, ?>) serializer));
    return this;
  }

  /** Rewrites every captured value before it leaves the process; see {@link ValueMasker}. */
  public TracerBuilder masker(ValueMasker masker) {
    this.masker = Objects.requireNonNull(masker, "masker");
    return this;
  }

  public Tracer build() {
    TracerConfig c = new TracerConfig(config != null ? config : HoneyHiveConfig.builder().build(),
        settings != null ? settings : TracerSettings.builder().build());
    SessionProcessor p = processor;
    if (p == null) {
      p = batching(exporters.isEmpty() ? configuredExporters(c) : exporters, c);
    } else if (!exporters.isEmpty()) {
      throw new IllegalStateException("Set either exporter(...) or synchronousExporter(...), not both");
    }
    return new Tracer(new TracerRuntime(c, p, new SafeValueCapture(c.settings(), serializers, masker)));
  }

  /** The exporters the configuration implies: the API when a key is set, the console and the JSONL file when enabled. */
  private static List<EventExporter> configuredExporters(TracerConfig c) {
    List<EventExporter> chosen = new ArrayList<>();
    if (c.hasApiKey()) {
      chosen.add(HttpExporter.create(c.connection()));
    }
    chosen.addAll(LocalExporters.create(c));
    return chosen;
  }

  /** Puts the exporters behind a batching processor, so no traced call waits on their I/O. */
  private static SessionProcessor batching(List<EventExporter> exporters, TracerConfig c) {
    EventExporter exporter = exporters.isEmpty() ? EventExporter.noop() : EventExporter.composite(exporters);
    return BatchingSessionProcessor.builder(exporter).settings(c.export()).build();
  }
}
