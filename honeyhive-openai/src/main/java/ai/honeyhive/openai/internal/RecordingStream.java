package ai.honeyhive.openai.internal;

import com.openai.core.http.StreamResponse;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The SDK's stream, passed through chunk by chunk: the model event ends when the stream is read
 * to its end, fails, or is closed, whichever comes first. Not public API.
 */
final class RecordingStream<T> implements StreamResponse<T> {
  private final StreamResponse<T> delegate;
  private final ChatCall call;

  RecordingStream(StreamResponse<T> delegate, ChatCall call) {
    this.delegate = delegate;
    this.call = call;
  }

  @Override
  public Stream<T> stream() {
    Stream<T> inner = delegate.stream();
    Spliterator<T> source = inner.spliterator();
    Spliterator<T> recording = new Spliterator<>() {
      @Override
      public boolean tryAdvance(Consumer<? super T> action) {
        boolean more;
        // what the application's own code throws is not the model call's error; what the SDK throws is
        boolean[] inApplication = {false};
        try {
          more = source.tryAdvance(chunk -> {
            call.chunk(chunk);
            inApplication[0] = true;
            action.accept(chunk);
            inApplication[0] = false;
          });
        } catch (RuntimeException | Error e) {
          if (!inApplication[0]) {
            call.failed(e);
          }
          throw e;
        }
        if (!more) {
          call.streamEnded();
        }
        return more;
      }

      @Override
      public Spliterator<T> trySplit() {
        return null;
      }

      @Override
      public long estimateSize() {
        return source.estimateSize();
      }

      @Override
      public int characteristics() {
        return source.characteristics() & ~(Spliterator.SIZED | Spliterator.SUBSIZED);
      }
    };
    return StreamSupport.stream(recording, false).onClose(inner::close);
  }

  @Override
  public void close() {
    try {
      delegate.close();
    } finally {
      call.streamEnded();
    }
  }
}
