package ai.honeyhive;

/**
 * What {@link Context#makeCurrent()} and {@link Session#makeCurrent()} return: closing it restores
 * the thread's previous context. Close it on the thread that opened it, in try-with-resources;
 * closing it on another thread, or twice, does nothing. Never throws.
 */
public interface Scope extends AutoCloseable {

  @Override
  void close();
}
