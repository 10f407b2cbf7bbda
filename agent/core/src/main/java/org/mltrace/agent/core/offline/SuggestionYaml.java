package org.mltrace.agent.core.offline;

import java.io.PrintStream;
import java.util.List;

/** Writes proposals as a YAML that {@code check} and the agent accept as they are. */
final class SuggestionYaml {
  private SuggestionYaml() {}

  static void print(List<Suggestion> suggestions, String header, PrintStream out) {
    out.println("# mltrace components suggested by: " + header);
    out.println(
        "# Ranked by evidence: file paths 3, datasets and models 3, numeric arrays 2, on a path from main 2,");
    out.println(
        "# collections 1, non-public -1, called inside a loop -3; one proposal per method name.");
    out.println("# Keep the stages you care about, then validate with");
    out.println("#   java -jar mltrace-agent.jar check THIS.yaml --classpath CP");
    if (suggestions.isEmpty()) {
      out.println(
          "# Nothing found: no method takes or returns files, datasets, models or numeric arrays.");
      out.println("components: []");
      return;
    }
    out.println("components:");
    for (Suggestion s : suggestions) {
      out.println();
      out.println("  # score " + s.score() + ": " + String.join("; ", s.reasons()));
      out.println("  - name: " + s.name());
      out.println("    method: \"" + s.signature() + "\"");
      out.println("    inputs: [" + String.join(", ", s.inputs()) + "]");
      out.println("    outputs: [" + String.join(", ", s.outputs()) + "]");
    }
  }
}
