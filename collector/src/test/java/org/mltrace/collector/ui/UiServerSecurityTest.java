package org.mltrace.collector.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.collector.testing.TestDatabases;

/** The token, the static files, and the headers that keep captured text from running as script. */
class UiServerSecurityTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static UiServer open;
  static UiServer withToken;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    String url = TestDatabases.h2Url(tmp);
    UiFixture.load(url, tmp);
    open = UiServer.start(url, UiAccess.of("127.0.0.1", 0, null));
    withToken = UiServer.start(url, UiAccess.of("127.0.0.1", 0, "s3cret-token"));
  }

  @AfterAll
  static void stop() {
    open.close();
    withToken.close();
  }

  static HttpResponse<String> get(UiServer server, String path, String authorization)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyApiCallNeedsTheTokenWhenOneIsSet() throws Exception {
    assertEquals(401, get(withToken, "api/components", null).statusCode());
    assertEquals(401, get(withToken, "api/run?id=load-1", "Bearer wrong-token").statusCode());
    assertEquals(401, get(withToken, "api/review", "s3cret-token").statusCode());
    assertEquals(200, get(withToken, "api/components", "Bearer s3cret-token").statusCode());
    // The pages hold no data: they load, then ask for the token's data.
    assertEquals(200, get(withToken, "", null).statusCode());
  }

  @Test
  void pagesForbidInlineScriptAndFraming() throws Exception {
    HttpResponse<String> page = get(open, "", null);
    assertEquals(200, page.statusCode());
    String csp = page.headers().firstValue("Content-Security-Policy").get();
    assertTrue(csp.contains("script-src 'self';"), csp);
    assertTrue(csp.contains("frame-ancestors 'none'"), csp);
    assertFalse(page.body().contains("<script>"), "inline script in index.html");
    assertFalse(
        get(open, "app.js", null).body().contains("innerHTML"),
        "the pages must build the DOM with text nodes, not innerHTML");
    assertFalse(get(open, "views.js", null).body().contains("innerHTML"));
    assertFalse(get(open, "graph.js", null).body().contains("innerHTML"));
  }

  @Test
  void onlyListedFilesAreServed() throws Exception {
    HttpResponse<String> echarts = get(open, "echarts.min.js", null);
    assertEquals(200, echarts.statusCode());
    assertTrue(echarts.body().length() > 500_000, "echarts.min.js from the webjar");
    assertEquals(404, get(open, "org/mltrace/collector/ui/UiServer.class", null).statusCode());
    assertEquals(404, get(open, "static/app.js", null).statusCode());
  }

  @Test
  void aForeignHostNameIsRefusedWithoutAToken() throws Exception {
    // What a DNS-rebinding page would send: our address under its own name.
    try (Socket s = new Socket("127.0.0.1", open.port())) {
      OutputStream out = s.getOutputStream();
      out.write(
          "GET /api/components HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(reply.startsWith("HTTP/1.1 403"), reply);
    }
    assertEquals(200, get(open, "api/components", null).statusCode());
  }
}
