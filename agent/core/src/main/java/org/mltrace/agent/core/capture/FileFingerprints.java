package org.mltrace.agent.core.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Content fingerprints of files, read on the application's thread when a file pointer is captured,
 * so their cost is bounded.
 *
 * <p>A file of at most {@code fullHashMaxBytes} is hashed whole: {@code xxh64:HEX}, XXH64 of every
 * byte (reading a 64 MiB file from the page cache and hashing it takes some tens of milliseconds).
 * A larger file gets a sampled hash, {@code xxh64s:HEX}: XXH64 of its size (8 bytes, little-endian)
 * followed by {@value #SAMPLE_BLOCKS} blocks of {@value #BLOCK_BYTES} bytes at evenly spaced fixed
 * offsets, the first at 0 and the last ending at the end of the file: 1 MiB read whatever the size.
 * The sampled hash tells apart files whose size differs or whose change touches a sampled block; a
 * same-size edit between the blocks goes unnoticed. That is the price of never reading a
 * multi-gigabyte file on the application's thread.
 */
final class FileFingerprints {
  static final int BLOCK_BYTES = 64 * 1024;
  static final int SAMPLE_BLOCKS = 16;
  static final String FULL_PREFIX = "xxh64:";
  static final String SAMPLED_PREFIX = "xxh64s:";

  private FileFingerprints() {}

  /**
   * The fingerprint of a regular file of {@code size} bytes (as just read from its attributes).
   *
   * @throws IOException when the file cannot be read
   */
  static String of(Path file, long size, long fullHashMaxBytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return size <= fullHashMaxBytes ? full(channel, size) : sampled(channel, size);
    }
  }

  private static String full(FileChannel channel, long size) throws IOException {
    XxHash64 hash = new XxHash64();
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(BLOCK_BYTES, Math.max(size, 1)));
    long position = 0;
    // Never more than the size read before: a file growing meanwhile cannot make this unbounded.
    while (position < size) {
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), size - position));
      int n = channel.read(buf, position);
      if (n < 0) {
        break; // shrank meanwhile: hash what was there
      }
      hash.update(buf.array(), 0, n);
      position += n;
    }
    return FULL_PREFIX + hex(hash.digest());
  }

  private static String sampled(FileChannel channel, long size) throws IOException {
    XxHash64 hash = new XxHash64();
    hash.updateLong(size);
    ByteBuffer buf = ByteBuffer.allocate(BLOCK_BYTES);
    for (long offset : sampleOffsets(size)) {
      buf.clear();
      while (buf.hasRemaining()) {
        int n = channel.read(buf, offset + buf.position());
        if (n < 0) {
          break;
        }
      }
      hash.update(buf.array(), 0, buf.position());
    }
    return SAMPLED_PREFIX + hex(hash.digest());
  }

  /** Where the sampled blocks start, for a file larger than one block per sample. */
  static long[] sampleOffsets(long size) {
    long[] offsets = new long[SAMPLE_BLOCKS];
    long last = Math.max(0, size - BLOCK_BYTES);
    for (int i = 0; i < SAMPLE_BLOCKS; i++) {
      offsets[i] =
          last / (SAMPLE_BLOCKS - 1) * i + last % (SAMPLE_BLOCKS - 1) * i / (SAMPLE_BLOCKS - 1);
    }
    return offsets;
  }

  private static String hex(long h) {
    String s = Long.toHexString(h);
    return "0".repeat(16 - s.length()) + s;
  }
}
