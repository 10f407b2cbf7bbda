package org.mltrace.agent.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Appends varints and length-prefixed UTF-8 strings to a growing byte array. */
final class WireWriter {
  private byte[] buf;
  private int len;

  WireWriter(int initialCapacity) {
    buf = new byte[initialCapacity];
  }

  void writeByte(int b) {
    ensure(1);
    buf[len++] = (byte) b;
  }

  /** Unsigned LEB128; negative values are written zig-zag encoded by {@link #writeSignedVarLong}. */
  void writeVarLong(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[len++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[len++] = (byte) v;
  }

  void writeSignedVarLong(long v) {
    writeVarLong((v << 1) ^ (v >> 63));
  }

  /** Eight bytes, little-endian, of {@link Double#doubleToRawLongBits}. */
  void writeDouble(double d) {
    long bits = Double.doubleToRawLongBits(d);
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[len++] = (byte) (bits >>> (8 * i));
    }
  }

  /** Eight bytes, little-endian: for values that fill 64 bits (hashes), where a varint is longer. */
  void writeFixedLong(long bits) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[len++] = (byte) (bits >>> (8 * i));
    }
  }

  /** A null string is written as length 0 with a marker; see {@link WireReader#readString}. */
  void writeString(String s) {
    if (s == null) {
      writeVarLong(0);
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    writeVarLong(bytes.length + 1L);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }
}
