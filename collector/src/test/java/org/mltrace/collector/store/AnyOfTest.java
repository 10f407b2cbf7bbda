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
    assertEquals(List.of(keys(AnyOf.H2_CHUNK)), AnyOf.chunks(SqlDialect.H2, keys(AnyOf.H2_CHUNK)));
    assertEquals(List.of(List.of()), AnyOf.chunks(SqlDialect.POSTGRES, List.of()));
  }

  @Test
  void h2GetsSmallerChunksThanPostgres() {
    List<String> keys = keys(AnyOf.CHUNK);
    assertEquals(1, AnyOf.chunks(SqlDialect.POSTGRES, keys).size());
    assertEquals(AnyOf.CHUNK / AnyOf.H2_CHUNK, AnyOf.chunks(SqlDialect.H2, keys).size());
  }

  @Test
  void manyKeysAreCutIntoFullChunksInOrderWithTheRestLast() {
    List<String> keys = keys(2 * AnyOf.CHUNK + 7);
    List<List<String>> chunks = AnyOf.chunks(SqlDialect.POSTGRES, keys);
    assertEquals(List.of(AnyOf.CHUNK, AnyOf.CHUNK, 7), chunks.stream().map(List::size).toList());
    List<String> joined = new ArrayList<>();
    chunks.forEach(joined::addAll);
    assertEquals(keys, joined);
  }
}
