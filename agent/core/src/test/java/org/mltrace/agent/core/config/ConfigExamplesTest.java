package org.mltrace.agent.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.event.TriggerDecl;

/** The shipped examples with triggers load, so the demo never starts with a config error. */
class ConfigExamplesTest {
  private static final Path EXAMPLES = Path.of("../../config-examples");

  private static List<String> triggers(AgentConfig config) {
    return config.components().stream()
        .flatMap(c -> c.triggers().stream().map(t -> c.name() + ":" + t.phase() + ":" + t.name()))
        .toList();
  }

  @Test
  void taxiDeclaresTheDemosTriggers() throws Exception {
    AgentConfig config = ConfigLoader.load(EXAMPLES.resolve("taxi.yaml"));
    assertEquals(
        List.of(
            "clean:after_run:not_null",
            "featurize:after_run:psi",
            "featurize:after_run:range",
            "evaluate:after_run:metric_threshold"),
        triggers(config));
  }

  @Test
  void taxiWithTypesTakesThemFromTheLibrary() throws Exception {
    AgentConfig config = ConfigLoader.load(EXAMPLES.resolve("taxi-with-types.yaml"));
    assertEquals(
        List.of(
            "clean:before_run:not_null",
            "featurize:after_run:psi",
            "evaluate:after_run:metric_threshold"),
        triggers(config));
    ComponentSpec featurize = config.components().get(2);
    assertEquals("data-eng", featurize.owner());
    assertEquals(List.of("taxi", "features"), featurize.tags());
    TriggerDecl psi = featurize.triggers().get(0);
    assertEquals(
        EXAMPLES.resolve("library/ml-types.yaml").toAbsolutePath().normalize() + ":28",
        psi.source());
  }
}
