package ai.honeyhive.transport.internal;

import ai.honeyhive.transport.model.BatchRequest;
import java.io.IOException;
import java.util.Map;

/**
 * How an {@link ai.honeyhive.transport.http.internal.HttpExporter} writes its requests when they are not
 * {@code POST /events/batch} JSON: the path under its URL, the content type, headers besides
 * {@code Authorization}, and the body for a batch. Everything else (deadlines, retries,
 * {@code Retry-After}, the 401 pause, exit budget) stays the exporter's. The batch it is given is
 * the multi-session combination when the exporter is in that form. Not public API: the way the
 * OTLP exporter reuses the HTTP exporter.
 */
public interface WireFormat {

  /** Appended to the exporter's URL; empty when the URL is the whole endpoint. */
  String path();

  /** The body's {@code Content-Type}, also sent as {@code Accept}. */
  String contentType();

  /** Headers sent with every request besides {@code Authorization}; never the API key. */
  Map<String, String> headers();

  /** The body for one request; called once per request, again only if the batch was narrowed. */
  byte[] encode(BatchRequest request) throws IOException;

  /**
   * What a successful (2xx) answer's body says the receiver did not take, or null if it took
   * everything or the body says nothing readable. This default reads nothing.
   */
  default PartialSuccess partialSuccess(byte[] responseBody) {
    return null;
  }

  /**
   * A receiver's account of a request it accepted only in part: how many of the request's items
   * it rejected (they are not sent again) and why; with none rejected, {@code message} is a warning.
   */
  record PartialSuccess(long rejected, String message) {}
}
