package com.example.taxi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {

  @TempDir Path dir;

  static final LogisticModel MODEL =
      new LogisticModel(
          List.of("a", "b"),
          new double[] {1.5, -2},
          new double[] {0.5, 3},
          new double[] {0.25, -1e-9},
          -0.75);

  @Test
  void roundTripsEveryField() throws IOException {
    Path file = dir.resolve("model.bin");
    assertSame(file, ModelStore.save(MODEL, file));
    assertEquals(MODEL, ModelStore.load(file));
  }

  @Test
  void sameModelSameBytes() throws IOException {
    byte[] first = Files.readAllBytes(ModelStore.save(MODEL, dir.resolve("1.bin")));
    byte[] second = Files.readAllBytes(ModelStore.save(MODEL, dir.resolve("2.bin")));
    assertArrayEquals(first, second);
  }

  @Test
  void refusesOtherFilesNamingThem() throws IOException {
    Path notAModel = Files.writeString(dir.resolve("notes.txt"), "hello, world");
    IOException e = assertThrows(IOException.class, () -> ModelStore.load(notAModel));
    assertEquals(notAModel + ": not a taxi model file (bad magic number)", e.getMessage());

    byte[] bytes = Files.readAllBytes(ModelStore.save(MODEL, dir.resolve("m.bin")));
    Path truncated = Files.write(dir.resolve("cut.bin"), Arrays.copyOf(bytes, bytes.length - 3));
    IOException cut = assertThrows(IOException.class, () -> ModelStore.load(truncated));
    assertEquals(truncated + ": model file is truncated", cut.getMessage());
  }
}
