package ai.honeyhive.transport.export;

import ai.honeyhive.transport.internal.JsonMappers;
import ai.honeyhive.transport.model.BatchRequest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * Appends each batch to a file as one line of JSON, exactly the {@code POST /events/batch} body,
 * so the file can be replayed against the API or read with {@code jq}. The file is created on the
 * first export, not before.
 */
public final class JsonlFileExporter implements EventExporter {
  private final Path path;
  private BufferedWriter writer;
  private boolean closed;

  private JsonlFileExporter(Path path) {
    this.path = path.toAbsolutePath().normalize();
  }

  public static JsonlFileExporter create(Path path) {
    return new JsonlFileExporter(path);
  }

  /** The absolute path written to. */
  public Path path() {
    return path;
  }

  @Override
  public synchronized CompletableFuture<Void> export(Collection<BatchRequest> batches) {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("exporter is shut down"));
    }
    try {
      if (writer == null) {
        Path parent = path.getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
      for (BatchRequest batch : batches) {
        writer.write(JsonMappers.mapper().writeValueAsString(batch));
        writer.write('\n');
      }
      writer.flush();
      return CompletableFuture.completedFuture(null);
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public synchronized CompletableFuture<Void> shutdown() {
    if (closed) {
      return CompletableFuture.completedFuture(null);
    }
    closed = true;
    if (writer == null) {
      return CompletableFuture.completedFuture(null);
    }
    try {
      writer.close();
      return CompletableFuture.completedFuture(null);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public String toString() {
    return "JsonlFileExporter[" + path + "]";
  }
}
