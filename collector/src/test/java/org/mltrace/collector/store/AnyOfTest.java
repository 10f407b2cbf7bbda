package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AnyOfTest {
  private static List<String> keys(int n) {
    return IntStream.range(0, n).mapToObj(i -> "k" + i).toList();
  }

  @Test
  void fewKeysAreOneChunkAndNoKeysOneEmptyChunk() {
    assertEquals(List.of(keys(AnyOf.CHUNK)), AnyOf.chunks(keys(AnyOf.CHUNK)));
    assertEquals(List.of(List.of()), AnyOf.chunks(List.of()));
  }

  @Test
  void manyKeysAreCutIntoFullChunksInOrderWithTheRestLast() {
    List<String> keys = keys(2 * AnyOf.CHUNK + 7);
    List<List<String>> chunks = AnyOf.chunks(keys);
    assertEquals(
        List.of(AnyOf.CHUNK, AnyOf.CHUNK, 7), chunks.stream().map(List::size).toList());
    List<String> joined = new ArrayList<>();
    chunks.forEach(joined::addAll);
    assertEquals(keys, joined);
  }
}
