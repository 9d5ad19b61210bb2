package ai.honeyhive.internal;

import ai.honeyhive.transport.export.ConsoleExporter;
import ai.honeyhive.transport.export.EventExporter;
import ai.honeyhive.transport.export.JsonlFileExporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The exporters a configuration asks for besides the API: the console tree and the JSONL file,
 * which are the default when no API key is configured. Not public API.
 */
public final class LocalExporters {
  private LocalExporters() {}

  public static List<EventExporter> create(TracerConfig config) {
    List<EventExporter> exporters = new ArrayList<>();
    Path file = config.exportFile().map(p -> p.toAbsolutePath().normalize()).orElse(null);
    if (config.exportConsole()) {
      String banner = "[honeyhive] no API key set (HH_API_KEY): printing traces here"
          + (file == null ? "" : " and appending them to " + file);
      exporters.add(ConsoleExporter.create(System.out, config.verbose(), config.hasApiKey() ? null : banner));
    }
    if (file != null) {
      exporters.add(JsonlFileExporter.create(file, config.jsonlMaxBytes()));
    }
    return exporters;
  }
}
