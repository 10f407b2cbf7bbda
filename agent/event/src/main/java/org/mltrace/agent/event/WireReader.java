package org.mltrace.agent.event;

import java.nio.charset.StandardCharsets;

/** Reads what {@link WireWriter} wrote; any overrun is a {@link MalformedEventException}. */
final class WireReader {
  private final byte[] buf;
  private int pos;

  WireReader(byte[] buf) {
    this.buf = buf;
  }

  int readByte() {
    if (pos >= buf.length) {
      throw new MalformedEventException("entry ends early at byte " + pos);
    }
    return buf[pos++] & 0xFF;
  }

  long readVarLong() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new MalformedEventException("varint longer than 10 bytes at byte " + pos);
  }

  double readDouble() {
    return Double.longBitsToDouble(readFixedLong());
  }

  long readFixedLong() {
    if (remaining() < 8) {
      throw new MalformedEventException("entry ends early at byte " + pos);
    }
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits |= (long) (buf[pos++] & 0xFF) << (8 * i);
    }
    return bits;
  }

  /** A count of fixed-size items of {@code width} bytes, checked against what is left. */
  int readCount(String what, int width) {
    long n = readVarLong();
    if (n < 0 || n > remaining() / width) {
      throw new MalformedEventException("implausible " + what + " count " + n + " at byte " + pos);
    }
    return (int) n;
  }

  int position() {
    return pos;
  }

  long readSignedVarLong() {
    long raw = readVarLong();
    return (raw >>> 1) ^ -(raw & 1);
  }

  int readCount(String what) {
    long n = readVarLong();
    if (n < 0 || n > remaining()) {
      throw new MalformedEventException("implausible " + what + " count " + n + " at byte " + pos);
    }
    return (int) n;
  }

  String readString() {
    long n = readVarLong();
    if (n == 0) {
      return null;
    }
    long length = n - 1;
    if (length > remaining()) {
      throw new MalformedEventException("string of " + length + " bytes overruns entry at " + pos);
    }
    String s = new String(buf, pos, (int) length, StandardCharsets.UTF_8);
    pos += (int) length;
    return s;
  }

  int remaining() {
    return buf.length - pos;
  }
}
