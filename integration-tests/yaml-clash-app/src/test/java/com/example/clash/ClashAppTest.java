package com.example.clash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClashAppTest {

  @Test
  void scoreAddsUpAlphabetPositions() {
    assertEquals(6, ClashApp.score("abc"));
    assertEquals(6, ClashApp.score("A-b C!"));
    assertEquals(0, ClashApp.score(""));
  }

  @Test
  void printsTheOkLineWithTheVersionOfItsOwnSnakeYaml() throws IOException {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      ClashApp.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    assertEquals(
        "clash-app ok: snakeyaml=1.33 score=240", buffer.toString(StandardCharsets.UTF_8).strip());
  }
}
