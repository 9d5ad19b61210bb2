package ai.honeyhive.openai.internal;

import com.openai.core.http.AsyncStreamResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The SDK's async stream, passed through: each chunk is added to the answer before the
 * application's handler sees it, and the model event ends when the stream completes, fails or is
 * closed. Not public API.
 */
final class RecordingAsyncStream<T> implements AsyncStreamResponse<T> {
  private final AsyncStreamResponse<T> delegate;
  private final ChatCall call;

  RecordingAsyncStream(AsyncStreamResponse<T> delegate, ChatCall call) {
    this.delegate = delegate;
    this.call = call;
    // ends the event even if the application never subscribes a handler that sees the end
    delegate.onCompleteFuture().whenComplete((ignored, failure) -> {
      if (failure != null) {
        call.failed(failure);
      } else {
        call.streamEnded();
      }
    });
  }

  @Override
  public AsyncStreamResponse<T> subscribe(Handler<? super T> handler) {
    delegate.subscribe(recording(handler));
    return this;
  }

  @Override
  public AsyncStreamResponse<T> subscribe(Handler<? super T> handler, Executor executor) {
    delegate.subscribe(recording(handler), executor);
    return this;
  }

  private Handler<T> recording(Handler<? super T> handler) {
    return new Handler<>() {
      @Override
      public void onNext(T chunk) {
        call.chunk(chunk);
        handler.onNext(chunk);
      }

      @Override
      public void onComplete(Optional<Throwable> error) {
        if (error.isPresent()) {
          call.failed(error.get());
        } else {
          call.streamEnded();
        }
        handler.onComplete(error);
      }
    };
  }

  @Override
  public CompletableFuture<Void> onCompleteFuture() {
    return delegate.onCompleteFuture();
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
