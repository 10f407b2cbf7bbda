package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that carries SnakeYAML 1.33 (the agent uses 2.x internally) runs exactly as
 * without the agent, and is still traced.
 */
class YamlClashIT {
  @TempDir Path dir;

  @Test
  void applicationKeepsItsOwnSnakeYamlAndIsTraced() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("clash.yaml"),
            """
        components:
          - name: score
            method: "com.example.clash.ClashApp#score(java.lang.String)"
            inputs: [text]
            outputs: [return]
        """);
    Path queue = dir.resolve("queue");
    List<String> app = List.of("-jar", Artifacts.clashJar().toString());

    ProcessResult plain = TracedApp.withoutAgent(dir, app);
    ProcessResult traced = TracedApp.withAgent(dir, config, queue, app);

    assertEquals(0, traced.exitCode(), traced::toString);
    assertTrue(traced.stdout().startsWith("clash-app ok: snakeyaml=1.33"), traced.stdout());
    assertEquals(plain.stdout(), traced.stdout());

    CollectorCli mltrace = CollectorCli.h2(dir);
    mltrace.collectOnce(queue);
    JsonNode runs = mltrace.json("history", "score");
    assertEquals(4, runs.size(), runs::toString);
    for (JsonNode run : runs) {
      assertEquals("ok", run.path("status").asText());
      assertEquals("long", Lineage.value(run, "outputs", "return").path("kind").asText());
    }
  }
}
