package ai.honeyhive.transport.export;

import ai.honeyhive.transport.internal.JsonMappers;
import ai.honeyhive.transport.model.BatchRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each batch to a file as one line of JSON, exactly the {@code POST /events/batch} body,
 * so the file can be replayed against the API or read with {@code jq}. The file is created on the
 * first export, not before.
 *
 * <p>The file holds everything the traced code captured, so: it is created readable and writable
 * by its owner only (where the file system has POSIX permissions); a symbolic link at its path is
 * never followed (the exporter logs that once, writes nothing and fails every export); and it
 * stays under a size cap: a batch that would take it past the cap first renames it to
 * {@code <name>.1} (replacing the previous one) and starts a new file, so the two never take more
 * than about twice the cap. A batch larger than the cap by itself is written alone in a new file.
 */
public final class JsonlFileExporter implements EventExporter {
  /** The size at which the file is rotated when none is given: 64 MiB. */
  public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(JsonlFileExporter.class);
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<OpenOption> APPEND = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
      StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);

  private final Path path;
  private final Path rotated;
  private final long maxBytes;
  private FileChannel channel;
  private long size;
  private IOException refused;
  private boolean closed;

  private JsonlFileExporter(Path path, long maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive, but was " + maxBytes);
    }
    this.path = path.toAbsolutePath().normalize();
    this.rotated = this.path.resolveSibling(this.path.getFileName() + ".1");
    this.maxBytes = maxBytes;
  }

  /** Appends to {@code path}, rotated at {@link #DEFAULT_MAX_BYTES}. */
  public static JsonlFileExporter create(Path path) {
    return new JsonlFileExporter(path, DEFAULT_MAX_BYTES);
  }

  /** Appends to {@code path}, rotated to {@code <name>.1} before it would exceed {@code maxBytes}. */
  public static JsonlFileExporter create(Path path, long maxBytes) {
    return new JsonlFileExporter(path, maxBytes);
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
    if (refused != null) {
      return CompletableFuture.failedFuture(refused);
    }
    try {
      for (BatchRequest batch : batches) {
        byte[] json = JsonMappers.mapper().writeValueAsBytes(batch);
        ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
        if (channel != null && size > 0 && size + line.remaining() > maxBytes) {
          rotate();
        }
        if (channel == null) {
          open();
        }
        while (line.hasRemaining()) {
          size += channel.write(line);
        }
      }
      return CompletableFuture.completedFuture(null);
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void open() throws IOException {
    Path parent = path.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (Files.isSymbolicLink(path)) {
      throw refuse(null);
    }
    try {
      channel = FileChannel.open(path, APPEND, ownerOnly());
    } catch (FileSystemException e) {
      // O_NOFOLLOW: a link made between the check and the open fails here
      if (Files.isSymbolicLink(path)) {
        throw refuse(e);
      }
      throw e;
    }
    size = channel.size();
  }

  private IOException refuse(IOException cause) {
    refused = new IOException("HoneyHive will not write traces to " + path + ": it is a symbolic link,"
        + " which could send them to a file of someone else's choosing; remove the link or set"
        + " HH_EXPORT_FILE to a plain file", cause);
    LOG.warn(refused.getMessage());
    return refused;
  }

  /** Renames the full file to {@code <name>.1}, replacing the last one, and starts afresh. */
  private void rotate() throws IOException {
    channel.close();
    channel = null;
    // the move renames a link itself, never what it points to
    Files.move(path, rotated, StandardCopyOption.REPLACE_EXISTING);
    size = 0;
  }

  private FileAttribute<?>[] ownerOnly() {
    boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
  }

  @Override
  public synchronized CompletableFuture<Void> shutdown() {
    if (closed) {
      return CompletableFuture.completedFuture(null);
    }
    closed = true;
    if (channel == null) {
      return CompletableFuture.completedFuture(null);
    }
    try {
      channel.close();
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
