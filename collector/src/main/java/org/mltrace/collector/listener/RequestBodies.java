package org.mltrace.collector.listener;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Reads a request body up to a limit, inflating {@code Content-Encoding: gzip} (an OpenLineage
 * client's {@code compression: gzip}); the limit applies to the inflated bytes.
 */
final class RequestBodies {
  /**
   * How much of a refused body is read and dropped before the 413, so that a client that sends the
   * whole body before reading the reply (most do) gets the 413 rather than a connection reset.
   */
  static final long MAX_DISCARDED_BYTES = 64L * 1024 * 1024;

  private RequestBodies() {}

  /** The body was larger than allowed (a 413). */
  static final class TooLargeException extends Exception {
    TooLargeException(String message) {
      super(message);
    }
  }

  static byte[] read(HttpExchange exchange, int maxBytes) throws IOException, TooLargeException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > maxBytes
            && !"gzip"
                .equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
          discard(exchange.getRequestBody());
          throw tooLarge(maxBytes);
        }
      } catch (NumberFormatException ignored) {
        // the server itself rejects a malformed Content-Length; read as far as the limit
      }
    }
    InputStream in = exchange.getRequestBody();
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      in = new GZIPInputStream(in);
    }
    byte[] body = in.readNBytes(maxBytes + 1);
    if (body.length > maxBytes) {
      discard(exchange.getRequestBody());
      throw tooLarge(maxBytes);
    }
    return body;
  }

  /**
   * Reads (never {@code skip}s: the JDK server's body stream passes {@code skip} to the socket,
   * past the body's end) and drops up to {@link #MAX_DISCARDED_BYTES}.
   */
  private static void discard(InputStream in) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = MAX_DISCARDED_BYTES;
    int n;
    while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
      left -= n;
    }
  }

  private static TooLargeException tooLarge(int maxBytes) {
    return new TooLargeException(
        "the body is larger than " + maxBytes / 1024 + " KiB, the most one event may carry");
  }
}
