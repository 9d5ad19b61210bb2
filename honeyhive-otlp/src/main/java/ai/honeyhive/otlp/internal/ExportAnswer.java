package ai.honeyhive.otlp.internal;

import ai.honeyhive.transport.internal.WireFormat;

/**
 * Reads an OTLP {@code ExportTraceServiceResponse} (protobuf): its {@code partial_success}, in
 * which a receiver that took the request says how many spans it rejected and why. The OTLP
 * specification says such spans must not be sent again; the exporter counts them as failed.
 * Not public API.
 */
final class ExportAnswer {
  private static final int RESPONSE_PARTIAL_SUCCESS = 1;
  private static final int PARTIAL_REJECTED_SPANS = 1;
  private static final int PARTIAL_ERROR_MESSAGE = 2;

  private ExportAnswer() {}

  /**
   * The partial success the body reports, or null if it reports none (an empty body, an empty
   * {@code partial_success}). Fields it does not know are skipped.
   *
   * @throws IllegalArgumentException if the body is not protobuf
   */
  static WireFormat.PartialSuccess partialSuccess(byte[] body) {
    ProtoReader response = new ProtoReader(body);
    long rejected = 0;
    String message = null;
    boolean seen = false;
    while (response.hasMore()) {
      int tag = response.tag();
      if (tag >>> 3 == RESPONSE_PARTIAL_SUCCESS && (tag & 7) == ProtoReader.LEN) {
        seen = true;
        ProtoReader partial = response.message();
        while (partial.hasMore()) {
          int t = partial.tag();
          if (t >>> 3 == PARTIAL_REJECTED_SPANS && (t & 7) == ProtoReader.VARINT) {
            rejected = partial.varint();
          } else if (t >>> 3 == PARTIAL_ERROR_MESSAGE && (t & 7) == ProtoReader.LEN) {
            message = partial.string();
          } else {
            partial.skip(t & 7);
          }
        }
      } else {
        response.skip(tag & 7);
      }
    }
    if (!seen || rejected <= 0 && (message == null || message.isEmpty())) {
      return null;
    }
    return new WireFormat.PartialSuccess(Math.max(0, rejected), message);
  }
}
