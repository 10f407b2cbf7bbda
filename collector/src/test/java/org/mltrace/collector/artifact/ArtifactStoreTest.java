package org.mltrace.collector.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {
  @TempDir Path tmp;

  @Test
  void theSameContentIsStoredOnceAndRestoredByteForByte() throws Exception {
    ArtifactStore store = new ArtifactStore(tmp.resolve("store"));
    Path a = Files.write(tmp.resolve("a.bin"), new byte[] {1, 2, 3});
    Path b = Files.write(tmp.resolve("b.bin"), new byte[] {1, 2, 3});
    Path c = Files.write(tmp.resolve("c.bin"), new byte[] {1, 2, 4});

    ArtifactStore.PutResult first = store.put(a, 100);
    ArtifactStore.PutResult again = store.put(b, 100);
    ArtifactStore.PutResult other = store.put(c, 100);

    assertEquals(ArtifactStore.Outcome.STORED, first.outcome());
    assertEquals(ArtifactStore.Outcome.DUPLICATE, again.outcome());
    assertEquals(first.hash(), again.hash());
    assertEquals(ArtifactStore.Outcome.STORED, other.outcome());
    assertNotEquals(first.hash(), other.hash());
    assertTrue(first.hash().matches("sha256:[0-9a-f]{64}"), first.hash());
    assertEquals(new ArtifactStore.Usage(2, 6), store.usage());
    Path out = tmp.resolve("restored.bin");
    assertTrue(store.restore(first.hash(), out));
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(out));
    assertFalse(Files.exists(tmp.resolve("store/tmp/copy.part")));
  }

  @Test
  void aFileOverTheLimitIsNotStored() throws Exception {
    ArtifactStore store = new ArtifactStore(tmp.resolve("store"));
    Path big = Files.write(tmp.resolve("big.bin"), new byte[101]);

    ArtifactStore.PutResult r = store.put(big, 100);

    assertEquals(ArtifactStore.Outcome.TOO_LARGE, r.outcome());
    assertNull(r.hash());
    assertEquals(new ArtifactStore.Usage(0, 0), store.usage());
  }

  @Test
  void aDamagedBlobIsNotRestored() throws Exception {
    ArtifactStore store = new ArtifactStore(tmp.resolve("store"));
    String hash = store.put(Files.write(tmp.resolve("m.bin"), new byte[] {9}), 100).hash();
    Files.write(store.blob(hash), new byte[] {8});
    Path out = tmp.resolve("out.bin");

    assertFalse(store.restore(hash, out));
    assertFalse(Files.exists(out));
  }

  @Test
  void theDefaultStoreIsBesideTheH2File() {
    assertEquals(
        Path.of("/var/lib/mltrace/artifacts"),
        ArtifactLocations.defaultFor("jdbc:h2:file:/var/lib/mltrace/mltrace;AUTO_SERVER=TRUE"));
    assertEquals(
        Path.of("./mltrace-data/artifacts"),
        ArtifactLocations.defaultFor("jdbc:h2:file:./mltrace-data/mltrace"));
    assertEquals(
        ArtifactLocations.FALLBACK, ArtifactLocations.defaultFor("jdbc:postgresql://h/db"));
  }
}
