package ai.honeyhive.internal;

import ai.honeyhive.TracerSettings;
import ai.honeyhive.config.ExportSettings;
import ai.honeyhive.config.HoneyHiveConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A tracer's two halves of configuration read as one: where events go ({@link HoneyHiveConfig}) and
 * what the tracer records ({@link TracerSettings}), with the local outputs resolved against the API
 * key. What {@link TracerRuntime#config()} returns. Not public API.
 */
public record TracerConfig(HoneyHiveConfig connection, TracerSettings settings) {

  public String project() {
    return connection.project();
  }

  public String source() {
    return connection.source();
  }

  public boolean hasApiKey() {
    return connection.hasApiKey();
  }

  public ExportSettings export() {
    return connection.export();
  }

  public boolean tracingEnabled() {
    return settings.tracingEnabled();
  }

  public Optional<String> sessionName() {
    return settings.sessionName();
  }

  public double sampleRate() {
    return settings.sampleRate();
  }

  public boolean sampleKeepErrors() {
    return settings.sampleKeepErrors();
  }

  public int maxSessionEvents() {
    return settings.maxSessionEvents();
  }

  public Duration maxSessionAge() {
    return settings.maxSessionAge();
  }

  public int maxStringLength() {
    return settings.maxStringLength();
  }

  public int maxCollectionSize() {
    return settings.maxCollectionSize();
  }

  public int maxDepth() {
    return settings.maxDepth();
  }

  public int maxEventBytes() {
    return settings.maxEventBytes();
  }

  public List<String> redactKeys() {
    return settings.redactKeys();
  }

  public boolean scanSecretValues() {
    return settings.scanSecretValues();
  }

  public boolean verbose() {
    return settings.verbose();
  }

  public boolean exportConsole() {
    return settings.exportConsole(connection);
  }

  public Optional<Path> exportFile() {
    return settings.exportFile(connection);
  }

  public long jsonlMaxBytes() {
    return settings.jsonlMaxBytes();
  }

  @Override
  public String toString() {
    return connection + ", " + settings;
  }
}
