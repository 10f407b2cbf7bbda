package org.mltrace.collector.openlineage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.store.JdbcRunFeedStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code collect --openlineage-url URL}: sends each stored run, as it is stored, to an OpenLineage
 * endpoint ({@code POST URL/api/v1/lineage}), as the {@code START} and {@code COMPLETE}/{@code
 * FAIL} events {@link OpenLineageExport} writes.
 *
 * <p>The first start (no cursor yet) begins after the runs stored so far: the history is sent with
 * {@code mltrace export openlineage}, not all at once on enabling the option.
 *
 * <p>At least once: runs are taken in the order they were stored ({@code ingested_at}, then id)
 * after a cursor kept in {@code QUEUE/openlineage-forward.position}, which moves (written beside
 * and renamed) only after both events of a run were answered with a 2xx; a collector that stops
 * between the two sends that run again at its next start. A failure (no answer, or not 2xx) is
 * counted and retried, the same run, after a back-off doubling from {@link #FIRST_BACKOFF} to
 * {@link #MAX_BACKOFF}; later runs wait, so the receiver sees them in order. Runs stored by another
 * collector into a shared PostgreSQL database in a transaction that commits after a later one of
 * this collector's can be skipped: forward from one collector per database.
 */
public final class OpenLineageForwarder implements AutoCloseable {
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
  static final int PAGE = 100;
  public static final String POSITION_FILE = "openlineage-forward.position";

  private static final Logger log = LoggerFactory.getLogger(OpenLineageForwarder.class);

  private final QueryService queries;
  private final JdbcRunFeedStore runs;
  private final URI endpoint;
  private final Path positionFile;
  private final Duration firstBackoff;
  private final Duration poll;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final AtomicLong forwarded = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean stopped;
  private Thread thread;

  OpenLineageForwarder(
      QueryService queries, URI url, Path queueRoot, Duration firstBackoff, Duration poll) {
    this.queries = queries;
    this.runs = new JdbcRunFeedStore(queries.database());
    String base = url.toString().endsWith("/") ? url.toString() : url + "/";
    this.endpoint = URI.create(base).resolve("api/v1/lineage");
    this.positionFile = queueRoot.toAbsolutePath().normalize().resolve(POSITION_FILE);
    this.firstBackoff = firstBackoff;
    this.poll = poll;
  }

  /** Forwards to {@code url} on its own thread, polling every second for newly stored runs. */
  public static OpenLineageForwarder start(String jdbcUrl, URI url, Path queueRoot) {
    OpenLineageForwarder f =
        new OpenLineageForwarder(
            QueryService.open(jdbcUrl), url, queueRoot, FIRST_BACKOFF, Duration.ofSeconds(1));
    f.startThread();
    return f;
  }

  void startThread() {
    if (readPosition() == null) {
      // First start: from the runs stored from now on; the history is for export openlineage.
      runs.last().ifPresent(this::writePosition);
    }
    thread = new Thread(this::run, "mltrace-openlineage-forward");
    thread.setDaemon(true);
    thread.start();
  }

  /** Runs forwarded (both events answered with a 2xx) since start. */
  public long forwarded() {
    return forwarded.get();
  }

  /** Sends that failed (and were retried) since start. */
  public long failures() {
    return failures.get();
  }

  private void run() {
    Duration backoff = firstBackoff;
    while (!stopped) {
      try {
        int sent = forwardPage();
        backoff = firstBackoff;
        if (sent < PAGE) {
          sleep(poll);
        }
      } catch (SendFailed e) {
        failures.incrementAndGet();
        log.warn("forwarding to {} failed ({}); retrying in {}", endpoint, e.getMessage(), backoff);
        sleep(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      } catch (RuntimeException e) {
        log.warn("forwarding to {} stopped by an error; retrying", endpoint, e);
        sleep(backoff);
      }
    }
  }

  /** Sends the next page of stored runs after the cursor; returns how many were sent. */
  int forwardPage() throws SendFailed {
    int sent = 0;
    for (JdbcRunFeedStore.Stored run : runs.after(readPosition(), PAGE)) {
      if (stopped) {
        break;
      }
      for (ObjectNode event : OpenLineageExport.events(queries.inspect(run.runId()))) {
        send(event.toString());
      }
      writePosition(run);
      forwarded.incrementAndGet();
      sent++;
    }
    return sent;
  }

  private void send(String body) throws SendFailed {
    HttpResponse<Void> r;
    try {
      r =
          http.send(
              HttpRequest.newBuilder(endpoint)
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new SendFailed(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SendFailed("interrupted");
    }
    if (r.statusCode() / 100 != 2) {
      throw new SendFailed("HTTP " + r.statusCode());
    }
  }

  /** The last run forwarded ({@code INGESTED_AT RUN_ID}), or null before the first. */
  private JdbcRunFeedStore.Stored readPosition() {
    try {
      if (!Files.exists(positionFile)) {
        return null;
      }
      String text = Files.readString(positionFile, StandardCharsets.UTF_8).strip();
      int space = text.indexOf(' ');
      return space < 0
          ? null
          : new JdbcRunFeedStore.Stored(
              text.substring(space + 1), Instant.parse(text.substring(0, space)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + positionFile, e);
    }
  }

  private void writePosition(JdbcRunFeedStore.Stored run) {
    Path tmp = positionFile.resolveSibling(POSITION_FILE + ".tmp");
    try {
      Files.createDirectories(positionFile.getParent());
      Files.writeString(tmp, run.ingestedAt() + " " + run.runId() + "\n", StandardCharsets.UTF_8);
      Files.move(
          tmp, positionFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + positionFile, e);
    }
  }

  private void sleep(Duration d) {
    long until = System.nanoTime() + d.toNanos();
    while (!stopped && System.nanoTime() < until) {
      try {
        Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One send that got no 2xx. */
  static final class SendFailed extends Exception {
    SendFailed(String message) {
      super(message);
    }
  }

  /** Stops after the send in hand; the cursor stays where the last forwarded run left it. */
  @Override
  public void close() {
    stopped = true;
    if (thread != null) {
      try {
        thread.join(35_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    queries.close();
  }
}
