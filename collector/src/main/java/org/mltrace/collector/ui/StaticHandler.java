package org.mltrace.collector.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The pages ({@code /}, {@code /app.js}, ...) from this package's {@code static/} resources and the
 * echarts script from its webjar. Only listed files are served, so no path can reach another
 * resource. They hold no data, so they need no token.
 */
final class StaticHandler implements HttpHandler {
  static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

  private static final Map<String, String[]> FILES =
      Map.of(
          "/", new String[] {"static/index.html", "text/html; charset=utf-8"},
          "/index.html", new String[] {"static/index.html", "text/html; charset=utf-8"},
          "/app.js", new String[] {"static/app.js", "text/javascript; charset=utf-8"},
          "/graph.js", new String[] {"static/graph.js", "text/javascript; charset=utf-8"},
          "/views.js", new String[] {"static/views.js", "text/javascript; charset=utf-8"},
          "/monitor.js", new String[] {"static/monitor.js", "text/javascript; charset=utf-8"},
          "/app.css", new String[] {"static/app.css", "text/css; charset=utf-8"},
          "/echarts.min.js", new String[] {ECHARTS, "text/javascript; charset=utf-8"});

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        HttpReplies.bytes(exchange, 405, "text/plain; charset=utf-8", bytes("GET only"));
        return;
      }
      String[] file = FILES.get(exchange.getRequestURI().getPath());
      if (file == null) {
        HttpReplies.bytes(exchange, 404, "text/plain; charset=utf-8", bytes("not found"));
        return;
      }
      try (InputStream in = StaticHandler.class.getResourceAsStream(file[0])) {
        if (in == null) {
          HttpReplies.bytes(
              exchange, 500, "text/plain; charset=utf-8", bytes("missing resource " + file[0]));
          return;
        }
        HttpReplies.bytes(exchange, 200, file[1], in.readAllBytes());
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
