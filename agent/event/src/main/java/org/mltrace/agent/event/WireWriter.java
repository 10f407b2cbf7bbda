package org.mltrace.agent.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends varints and length-prefixed UTF-8 strings to a growing byte array; {@link #reset} lets
 * one writer encode many events without allocating.
 */
final class WireWriter {
  private byte[] buf;
  private int len;

  /** See {@link #cacheRepeatedStrings}; null until then. */
  private String[] cachedStrings;

  private byte[][] cachedBytes;

  WireWriter(int initialCapacity) {
    buf = new byte[initialCapacity];
  }

  void writeByte(int b) {
    ensure(1);
    buf[len++] = (byte) b;
  }

  /**
   * Unsigned LEB128; negative values are written zig-zag encoded by {@link #writeSignedVarLong}.
   */
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

  /**
   * Eight bytes, little-endian: for values that fill 64 bits (hashes), where a varint is longer.
   */
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
    if (writeAscii(s)) {
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    writeVarLong(bytes.length + 1L);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
  }

  /**
   * From now on {@link #writeRepeatedString} remembers what it wrote for the last strings it met,
   * by identity: for a writer that encodes many events whose names, classes and methods are the
   * same {@code String} objects every time.
   */
  void cacheRepeatedStrings() {
    cachedStrings = new String[STRING_CACHE_SLOTS];
    cachedBytes = new byte[STRING_CACHE_SLOTS][];
  }

  private static final int STRING_CACHE_SLOTS = 256;

  /**
   * Writes {@code s} exactly as {@link #writeString} does; when the same object was written
   * recently, by copying the bytes written then. For strings that repeat as objects (a component's
   * name, a variable's name, a class name); a string that is new each time only takes a slot.
   */
  void writeRepeatedString(String s) {
    if (cachedStrings == null || s == null) {
      writeString(s);
      return;
    }
    int slot = System.identityHashCode(s) & (STRING_CACHE_SLOTS - 1);
    if (cachedStrings[slot] == s) {
      writeBytes(cachedBytes[slot]);
      return;
    }
    int start = len;
    writeString(s);
    cachedStrings[slot] = s;
    cachedBytes[slot] = Arrays.copyOfRange(buf, start, len);
  }

  /**
   * Writes {@code s} as {@link #writeString} would when every char is ASCII, which is then also its
   * UTF-8, without encoding it into an array first (names, numbers, paths: nearly all the strings
   * of an event). Returns false, having written nothing, at the first other char.
   */
  private boolean writeAscii(String s) {
    int n = s.length();
    int start = len;
    writeVarLong(n + 1L);
    ensure(n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        len = start;
        return false;
      }
      buf[len++] = (byte) c;
    }
    return true;
  }

  /** Writes raw bytes, already encoded. */
  void writeBytes(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
  }

  /** The {@code digits} decimal digits of the non-negative {@code v}, as ASCII. */
  void writeDecimal(long v, int digits) {
    ensure(digits);
    for (int i = len + digits - 1; i >= len; i--) {
      buf[i] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    }
    len += digits;
  }

  /** Empties the writer, keeping its array. */
  void reset() {
    len = 0;
  }

  /** The array written into; its first {@link #length()} bytes are the content. */
  byte[] array() {
    return buf;
  }

  int length() {
    return len;
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
