package org.mltrace.agent.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueDiskUseTest {
  @TempDir Path dir;

  @Test
  void countsDocumentsWithTheirHeaderUntilTheCap() {
    QueueDiskUse use = new QueueDiskUse(100);
    use.appended(1, () -> null, 46);
    assertEquals(50, use.bytes());
    assertFalse(use.full());
    use.appended(1, () -> null, 46);
    assertTrue(use.full(), "100 bytes: at the cap");
  }

  @Test
  void aDeletedCycleFileStopsCountingOnTheNextRecheck() throws Exception {
    File day1 = Files.writeString(dir.resolve("20261126F.cq4"), "x").toFile();
    File day2 = Files.writeString(dir.resolve("20261127F.cq4"), "x").toFile();
    QueueDiskUse use = new QueueDiskUse(1_000);
    use.appended(1, () -> day1, 596);
    use.appended(2, () -> day2, 296);
    assertEquals(900, use.bytes());
    use.recheck();
    assertEquals(900, use.bytes(), "both files still there");
    Files.delete(day1.toPath());
    use.recheck();
    assertEquals(300, use.bytes(), "retention deleted day 1");
  }

  @Test
  void theCycleFileIsAskedForOnlyOncePerCycle() {
    QueueDiskUse use = new QueueDiskUse(1_000);
    int[] asked = {0};
    for (int i = 0; i < 3; i++) {
      use.appended(
          7,
          () -> {
            asked[0]++;
            return null;
          },
          10);
    }
    assertEquals(1, asked[0]);
  }
}
