package org.mltrace.collector.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointerIdsTest {
  private static final Path CWD = Path.of("/work/proj");

  @Test
  void relativePathsAreAlsoTriedAbsolute() {
    assertEquals(
        List.of("out/p.csv", "/work/proj/out/p.csv"), PointerIds.candidates("out/p.csv", CWD));
    assertEquals(List.of("./a/../b", "/work/proj/b"), PointerIds.candidates("./a/../b", CWD));
  }

  @Test
  void absoluteNormalizedPathsAndUrisAreTakenAsGiven() {
    assertEquals(List.of("/data/x.csv"), PointerIds.candidates("/data/x.csv", CWD));
    assertEquals(List.of("http://h/model"), PointerIds.candidates("http://h/model", CWD));
    assertEquals(List.of("mem://agent/Frame@1"), PointerIds.candidates("mem://agent/Frame@1", CWD));
  }
}
