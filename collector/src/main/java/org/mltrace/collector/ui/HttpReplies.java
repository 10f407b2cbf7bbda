package org.mltrace.collector.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.mltrace.collector.http.Responses;

/** Writing replies with the UI's security headers, and the same-origin check of API calls. */
final class HttpReplies {
  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

  /**
   * No inline script, no framing, nothing loaded from elsewhere. Inline styles are allowed because
   * echarts positions its tooltip with style attributes; styles cannot run code.
   */
  private static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private HttpReplies() {}

  static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
    bytes(
        exchange,
        status,
        "application/json; charset=utf-8",
        UiJson.write(body).getBytes(StandardCharsets.UTF_8));
  }

  static void bytes(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    Headers h = exchange.getResponseHeaders();
    h.set("Content-Security-Policy", CSP);
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "no-referrer");
    Responses.send(exchange, status, contentType, body);
  }

  /**
   * False for a request another site's page made: an {@code Origin} that is not this server, or
   * (without a token) a {@code Host} that is not a loopback name, which is how a DNS-rebinding page
   * would reach a UI on 127.0.0.1.
   */
  static boolean sameOrigin(HttpExchange exchange, UiAccess access) {
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host == null) {
      return false;
    }
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin != null && !origin.equals("http://" + host)) {
      return false;
    }
    if (access.tokenRequired()) {
      return true;
    }
    String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host;
    int colon = name.startsWith("[") ? -1 : name.indexOf(':');
    if (colon >= 0) {
      name = name.substring(0, colon);
    }
    return LOOPBACK_NAMES.contains(name.toLowerCase(java.util.Locale.ROOT));
  }
}
