package org.mltrace.collector.testing;

import java.nio.file.Path;
import java.util.List;
import org.mltrace.agent.event.Event;
import org.mltrace.collector.ingest.Collector;
import org.mltrace.collector.ingest.DrainResult;

/** H2 file databases in temporary directories, filled through the real queue and drain. */
public final class TestDatabases {
  private TestDatabases() {}

  public static String h2Url(Path dir) {
    return "jdbc:h2:file:" + dir.resolve("db").resolve("mltrace").toAbsolutePath();
  }

  /** Writes the events to a queue under {@code dir} and drains it into {@code url}. */
  public static DrainResult ingest(String url, Path dir, List<? extends Event> events) {
    Path queue = dir.resolve("queue");
    TestQueues.write(queue, events);
    try (Collector collector = Collector.open(url)) {
      return collector.drain(queue);
    }
  }
}
