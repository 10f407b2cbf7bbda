package org.mltrace.collector.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * POSTs each event's JSON ({@link AlertEvent#toJson}) to a URL, {@code Content-Type:
 * application/json}. A response other than 2xx, a timeout or a connection failure is retried after
 * a growing pause (backoff, 2 x backoff, ...), up to {@code attempts} tries in all; then {@link
 * #send} throws with the last failure.
 */
public final class WebhookSink implements AlertSink {
  /** The defaults of {@code collect --alert-webhook}: 3 tries, 1 s then 2 s apart, 10 s each. */
  public static final int DEFAULT_ATTEMPTS = 3;

  public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final URI url;
  private final int attempts;
  private final Duration backoff;
  private final Duration timeout;
  private final HttpClient client;

  public WebhookSink(URI url, int attempts, Duration backoff, Duration timeout) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
    this.url = url;
    this.attempts = attempts;
    this.backoff = backoff;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public static WebhookSink withDefaults(URI url) {
    return new WebhookSink(url, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF, DEFAULT_TIMEOUT);
  }

  @Override
  public void send(AlertEvent event) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(event.toJson(), StandardCharsets.UTF_8))
            .build();
    IOException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        Thread.sleep(backoff.multipliedBy(attempt - 1L).toMillis());
      }
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 == 2) {
          return;
        }
        last = new IOException("HTTP " + response.statusCode() + " from " + url);
      } catch (IOException e) {
        String why = e.getMessage() == null ? "" : ": " + e.getMessage();
        last = new IOException(e.getClass().getSimpleName() + " posting to " + url + why, e);
      }
    }
    throw new IOException(last.getMessage() + " (" + attempts + " attempts)", last);
  }

  @Override
  public String describe() {
    return "webhook " + url;
  }
}
