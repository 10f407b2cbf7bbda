package org.mltrace.agent.core.capture;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Streaming XXH64 (seed 0), the 64-bit xxHash of Yann Collet: non-cryptographic, several GB/s in
 * Java, enough to tell two versions of a file apart (not to resist someone forging a collision).
 * Feed bytes with {@link #update}, read the hash with {@link #digest}; not thread-safe.
 */
final class XxHash64 {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private long v1 = P1 + P2;
  private long v2 = P2;
  private long v3 = 0;
  private long v4 = -P1;
  private long total;
  private final byte[] stripe = new byte[32];
  private int buffered;

  void update(byte[] b, int off, int len) {
    total += len;
    if (buffered > 0) {
      int take = Math.min(32 - buffered, len);
      System.arraycopy(b, off, stripe, buffered, take);
      buffered += take;
      off += take;
      len -= take;
      if (buffered < 32) {
        return;
      }
      consume(stripe, 0);
      buffered = 0;
    }
    int end = off + len;
    for (; off + 32 <= end; off += 32) {
      consume(b, off);
    }
    System.arraycopy(b, off, stripe, 0, end - off);
    buffered = end - off;
  }

  void updateLong(long value) {
    byte[] b = new byte[8];
    LONGS.set(b, 0, value);
    update(b, 0, 8);
  }

  long digest() {
    long h;
    if (total >= 32) {
      h =
          Long.rotateLeft(v1, 1)
              + Long.rotateLeft(v2, 7)
              + Long.rotateLeft(v3, 12)
              + Long.rotateLeft(v4, 18);
      h = merge(h, v1);
      h = merge(h, v2);
      h = merge(h, v3);
      h = merge(h, v4);
    } else {
      h = P5;
    }
    h += total;
    int p = 0;
    for (; p + 8 <= buffered; p += 8) {
      h ^= round(0, (long) LONGS.get(stripe, p));
      h = Long.rotateLeft(h, 27) * P1 + P4;
    }
    if (p + 4 <= buffered) {
      h ^= ((int) INTS.get(stripe, p) & 0xFFFFFFFFL) * P1;
      h = Long.rotateLeft(h, 23) * P2 + P3;
      p += 4;
    }
    for (; p < buffered; p++) {
      h ^= (stripe[p] & 0xFFL) * P5;
      h = Long.rotateLeft(h, 11) * P1;
    }
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }

  static long hash(byte[] b) {
    XxHash64 x = new XxHash64();
    x.update(b, 0, b.length);
    return x.digest();
  }

  private void consume(byte[] b, int off) {
    v1 = round(v1, (long) LONGS.get(b, off));
    v2 = round(v2, (long) LONGS.get(b, off + 8));
    v3 = round(v3, (long) LONGS.get(b, off + 16));
    v4 = round(v4, (long) LONGS.get(b, off + 24));
  }

  private static long round(long acc, long input) {
    acc += input * P2;
    acc = Long.rotateLeft(acc, 31);
    return acc * P1;
  }

  private static long merge(long acc, long v) {
    acc ^= round(0, v);
    return acc * P1 + P4;
  }
}
