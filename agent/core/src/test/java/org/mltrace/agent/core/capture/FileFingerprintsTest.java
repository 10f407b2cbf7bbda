package org.mltrace.agent.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFingerprintsTest {
  @TempDir Path dir;

  private String fingerprint(Path file, long fullHashMax) throws Exception {
    return FileFingerprints.of(file, Files.size(file), fullHashMax);
  }

  @Test
  void aSmallFileIsHashedWhole() throws Exception {
    byte[] data = new byte[200_000];
    new Random(1).nextBytes(data);
    Path f = Files.write(dir.resolve("features.csv"), data);
    assertEquals(String.format("xxh64:%016x", XxHash64.hash(data)), fingerprint(f, 1 << 20));
  }

  @Test
  void changesWithTheContentAndNotOtherwise() throws Exception {
    Path f = Files.writeString(dir.resolve("features.csv"), "a,b\n1,2\n");
    String first = fingerprint(f, 1 << 20);

    Files.writeString(f, "a,b\n1,2\n"); // rewritten with the same bytes, later mtime
    Files.setLastModifiedTime(f, FileTime.fromMillis(0));
    assertEquals(first, fingerprint(f, 1 << 20));

    Files.writeString(f, "a,b\n1,3\n"); // same size, one byte differs
    assertNotEquals(first, fingerprint(f, 1 << 20));
  }

  @Test
  void aFileAboveTheLimitGetsASampledHashOfFixedBlocks() throws Exception {
    int size = 3 * 1024 * 1024;
    byte[] data = new byte[size];
    new Random(2).nextBytes(data);
    Path f = Files.write(dir.resolve("big.bin"), data);
    String sampled = fingerprint(f, size - 1);
    assertTrue(sampled.startsWith("xxh64s:"), sampled);
    assertEquals(sampled, fingerprint(f, size - 1), "stable");

    long[] offsets = FileFingerprints.sampleOffsets(size);
    assertEquals(FileFingerprints.SAMPLE_BLOCKS, offsets.length);
    assertEquals(0, offsets[0]);
    assertEquals(size - FileFingerprints.BLOCK_BYTES, offsets[offsets.length - 1]);

    // A byte inside a sampled block changes it ...
    flip(f, offsets[5] + 10);
    String afterSampledEdit = fingerprint(f, size - 1);
    assertNotEquals(sampled, afterSampledEdit);
    // ... a byte between two blocks does not: the documented price of reading 1 MiB, not 3.
    flip(f, offsets[1] + FileFingerprints.BLOCK_BYTES + 5);
    assertEquals(afterSampledEdit, fingerprint(f, size - 1));
    // The whole-file hash of the same bytes sees every edit.
    assertTrue(fingerprint(f, size).startsWith("xxh64:"));
  }

  @Test
  void aSampledHashTellsSizesApart() throws Exception {
    Path a = Files.write(dir.resolve("a.bin"), new byte[2 * 1024 * 1024]);
    Path b = Files.write(dir.resolve("b.bin"), new byte[2 * 1024 * 1024 + 1]);
    assertNotEquals(fingerprint(a, 0), fingerprint(b, 0));
  }

  @Test
  void anEmptyFileHasTheEmptyHash() throws Exception {
    Path f = Files.write(dir.resolve("empty.csv"), new byte[0]);
    assertEquals("xxh64:ef46db3751d8e999", fingerprint(f, 10));
  }

  private static void flip(Path f, long position) throws Exception {
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.seek(position);
      int b = raf.read();
      raf.seek(position);
      raf.write(b ^ 0xFF);
    }
  }
}
