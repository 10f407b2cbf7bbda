package org.mltrace.agent.core.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComponentSuggesterTest {
  private static List<Suggestion> suggest(String prefix) throws Exception {
    try (ClassPathIndex index = ClassPathIndex.open(TestClassPath.directory())) {
      return new ComponentSuggester(index, prefix).suggest(50);
    }
  }

  private static Suggestion find(List<Suggestion> all, String signature) {
    return all.stream()
        .filter(s -> s.signature().equals(signature))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    signature
                        + " not suggested; got "
                        + all.stream().map(Suggestion::signature).toList()));
  }

  @Test
  void fileStageIsProposedWithItsParametersLocalsAndReasons() throws Exception {
    List<Suggestion> all = suggest(TestClassPath.FIXTURES);
    Suggestion clean = find(all, "org.mltrace.fixtures.offline.CleanStage#run(java.nio.file.Path)");
    assertEquals("clean_stage_run", clean.name());
    assertEquals(List.of("input"), clean.inputs());
    assertEquals(List.of("return", "kept", "output"), clean.outputs());
    assertTrue(
        clean.reasons().contains("takes file path java.nio.file.Path input"),
        clean.reasons().toString());
    assertTrue(
        clean.reasons().contains("returns file path java.nio.file.Path"),
        clean.reasons().toString());
    assertTrue(
        clean
            .reasons()
            .contains("reachable from org.mltrace.fixtures.offline.OfflinePipeline#main"),
        clean.reasons().toString());
  }

  @Test
  void methodsOnThePathFromMainAreProposedAndRankedByEvidence() throws Exception {
    List<Suggestion> all = suggest(TestClassPath.FIXTURES);
    Suggestion main =
        find(all, "org.mltrace.fixtures.offline.OfflinePipeline#main(java.lang.String[])");
    assertTrue(
        main.reasons()
            .contains(
                "on the call path from org.mltrace.fixtures.offline.OfflinePipeline#main to the methods above"),
        main.reasons().toString());
    Suggestion fit = find(all, "org.mltrace.fixtures.offline.Trainer#fit(double[], int)");
    // ScoreStage is never called from main: the same types, a lower rank.
    Suggestion score = find(all, "org.mltrace.fixtures.offline.ScoreStage#run(java.nio.file.Path)");
    Suggestion clean = find(all, "org.mltrace.fixtures.offline.CleanStage#run(java.nio.file.Path)");
    assertEquals(clean.score() - 2, score.score());
    assertTrue(all.indexOf(clean) < all.indexOf(score));
    // A local that is not in scope at every exit is left out: the YAML should read at every call.
    assertEquals(List.of("return", "weights"), fit.outputs());
  }

  @Test
  void aMethodCalledInsideALoopIsRankedDown() throws Exception {
    List<Suggestion> all = suggest(TestClassPath.FIXTURES);
    Suggestion normalize = find(all, "org.mltrace.fixtures.offline.Trainer#normalize(double[])");
    Suggestion fit = find(all, "org.mltrace.fixtures.offline.Trainer#fit(double[], int)");
    assertTrue(
        normalize
            .reasons()
            .contains(
                "but called inside a loop by org.mltrace.fixtures.offline.OfflinePipeline#main (a run per iteration)"),
        normalize.reasons().toString());
    // numeric array in 2, out 2, from main 2, in a loop -3
    assertEquals(3, normalize.score());
    assertTrue(all.indexOf(fit) < all.indexOf(normalize));
    assertTrue(fit.reasons().stream().noneMatch(r -> r.contains("loop")), fit.reasons().toString());
  }

  @Test
  void overloadsAreOneProposalNamingTheOthers() throws Exception {
    List<Suggestion> all = suggest(TestClassPath.FIXTURES);
    List<Suggestion> fits =
        all.stream()
            .filter(s -> s.signature().startsWith("org.mltrace.fixtures.offline.Trainer#fit("))
            .toList();
    assertEquals(1, fits.size(), fits.toString());
    // fit(double[], int) is called from main, fit(double[]) is not: the first ranks higher.
    assertEquals(
        "org.mltrace.fixtures.offline.Trainer#fit(double[], int)", fits.get(0).signature());
    assertTrue(
        fits.get(0)
            .reasons()
            .contains(
                "also overloaded as fit(double[]) (change the parameter types to trace another, or write (..) for all)"),
        fits.get(0).reasons().toString());
  }

  @Test
  void packagePrefixLimitsWhatIsProposed() throws Exception {
    assertTrue(suggest("org.mltrace.fixtures.nosuch").isEmpty());
    assertTrue(
        suggest(TestClassPath.FIXTURES).stream()
            .allMatch(s -> s.signature().startsWith(TestClassPath.FIXTURES + ".")));
  }

  @Test
  void suggestedYamlPassesCheckUnchanged(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream yaml = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        SuggestCommand.run(
            new String[] {
              "suggest",
              "--classpath",
              TestClassPath.directory(),
              "--package",
              TestClassPath.FIXTURES
            },
            new PrintStream(yaml, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
    Path file = dir.resolve("suggested.yaml");
    Files.write(file, yaml.toByteArray());
    assertTrue(
        yaml.toString(StandardCharsets.UTF_8).contains("  # score "),
        yaml.toString(StandardCharsets.UTF_8));

    ByteArrayOutputStream report = new ByteArrayOutputStream();
    int checked =
        CheckCommand.run(
            new String[] {"check", file.toString(), "--classpath", TestClassPath.directory()},
            new PrintStream(report, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = report.toString(StandardCharsets.UTF_8);
    assertEquals(0, checked, text + err.toString(StandardCharsets.UTF_8));
    assertTrue(text.contains(" 0 problem(s), 0 that would capture nothing"), text);
  }
}
