package org.mltrace.collector.store;

import java.nio.ByteBuffer;

/**
 * The {@code run_value_samples} columns: a sample as big-endian IEEE doubles, hashes as big-endian
 * longs (8 bytes each, {@link ByteBuffer}'s default order), null for null.
 */
public final class ValueSampleBytes {
  private ValueSampleBytes() {}

  public static byte[] ofDoubles(double[] values) {
    if (values == null) {
      return null;
    }
    ByteBuffer b = ByteBuffer.allocate(values.length * 8);
    b.asDoubleBuffer().put(values);
    return b.array();
  }

  public static byte[] ofLongs(long[] values) {
    if (values == null) {
      return null;
    }
    ByteBuffer b = ByteBuffer.allocate(values.length * 8);
    b.asLongBuffer().put(values);
    return b.array();
  }

  /**
   * @throws IllegalArgumentException when the length is not a multiple of 8
   */
  public static double[] doubles(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    double[] values = new double[checkedCount(bytes)];
    ByteBuffer.wrap(bytes).asDoubleBuffer().get(values);
    return values;
  }

  /**
   * @throws IllegalArgumentException when the length is not a multiple of 8
   */
  public static long[] longs(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    long[] values = new long[checkedCount(bytes)];
    ByteBuffer.wrap(bytes).asLongBuffer().get(values);
    return values;
  }

  private static int checkedCount(byte[] bytes) {
    if (bytes.length % 8 != 0) {
      throw new IllegalArgumentException(
          "a stored sample of " + bytes.length + " bytes is not a whole number of 8-byte values");
    }
    return bytes.length / 8;
  }
}
