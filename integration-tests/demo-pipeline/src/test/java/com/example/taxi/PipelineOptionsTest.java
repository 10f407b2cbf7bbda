package com.example.taxi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PipelineOptionsTest {

  @Test
  void defaults() {
    assertEquals(
        new PipelineOptions(Path.of("work"), 5000, 42, null, DataProblem.NONE),
        PipelineOptions.parse("work"));
  }

  @Test
  void optionsInAnyOrder() {
    assertEquals(
        new PipelineOptions(Path.of("w"), 200, 7, "save_model", DataProblem.NONE),
        PipelineOptions.parse("--fail-stage", "save_model", "w", "--seed", "7", "--trips", "200"));
  }

  @Test
  void dataProblem() {
    assertEquals(
        DataProblem.NULLS, PipelineOptions.parse("w", "--data-problem", "nulls").dataProblem());
    assertEquals(
        DataProblem.DRIFT, PipelineOptions.parse("--data-problem", "drift", "w").dataProblem());
  }

  @Test
  void sayWhatIsWrong() {
    assertEquals(
        "--data-problem 'typo' is not one of none, nulls, drift",
        message("w", "--data-problem", "typo"));
    assertEquals("missing WORKDIR", message());
    assertEquals("--trips needs a value", message("w", "--trips"));
    assertEquals("--trips expects a whole number but got 'many'", message("w", "--trips", "many"));
    assertEquals("--trips must be at least 10 but was 3", message("w", "--trips", "3"));
    assertEquals("unexpected argument '--verbose'", message("w", "--verbose"));
    assertEquals("unexpected argument 'x'", message("w", "x"));
    assertEquals(
        "--fail-stage 'deploy' is not one of " + FailureInjection.STAGES,
        message("w", "--fail-stage", "deploy"));
  }

  private static String message(String... args) {
    return assertThrows(IllegalArgumentException.class, () -> PipelineOptions.parse(args))
        .getMessage();
  }
}
