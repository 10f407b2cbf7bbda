package org.mltrace.agent.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class XxHash64Test {

  @Test
  void matchesThePublishedVectorForTheEmptyInput() {
    assertEquals(0xEF46DB3751D8E999L, XxHash64.hash(new byte[0]));
  }

  @Test
  void matchesThePublishedVectorsAcrossTheTailBranches() {
    // From the xxHash project and the python-xxhash documentation; "Nobody..." is 39 bytes: one
    // 32-byte stripe, then the 8-byte, ... tail paths. (Chronicle Bytes' XxHash, on the class
    // path, is not XXH64 for short inputs, so it cannot serve as an oracle.)
    assertEquals(0xD24EC4F1A98C6E5BL, XxHash64.hash(ascii("a")));
    assertEquals(0x44BC2CF5AD770999L, XxHash64.hash(ascii("abc")));
    assertEquals(
        0xFBCEA83C8A378BF1L, XxHash64.hash(ascii("Nobody inspects the spammish repetition")));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void feedingInPiecesGivesTheSameHashAsAtOnce() {
    byte[] data = new byte[10_000];
    new Random(7).nextBytes(data);
    for (int piece : new int[] {1, 5, 31, 32, 33, 4096}) {
      XxHash64 x = new XxHash64();
      for (int off = 0; off < data.length; off += piece) {
        x.update(data, off, Math.min(piece, data.length - off));
      }
      assertEquals(XxHash64.hash(data), x.digest(), "pieces of " + piece);
    }
  }
}
