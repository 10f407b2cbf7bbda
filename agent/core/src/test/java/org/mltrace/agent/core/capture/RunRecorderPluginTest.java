package org.mltrace.agent.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.core.plugins.PluginEncoders;
import org.mltrace.agent.core.plugins.TestFrame;
import org.mltrace.agent.core.plugins.TestFramePlugin;
import org.mltrace.agent.core.plugins.TestPluginJars;
import org.mltrace.agent.event.CapturedValue;

class RunRecorderPluginTest {
  @TempDir Path dir;

  @Test
  void derivedValuesFollowTheRunsOwnVariables() throws Exception {
    Path jar = TestPluginJars.write(dir.resolve("frames.jar"), TestFramePlugin.class.getName());
    ValueEncoder encoder =
        new ValueEncoder("agent1", new ObjectIds(), 256, 1024, PluginEncoders.open(List.of(jar)));
    MethodRegistry registry = new MethodRegistry();
    List<CompletedRun> runs = new ArrayList<>();
    RunRecorder recorder = new RunRecorder(registry, encoder, runs::add);
    int join =
        registry.register(
            new MethodPlan(
                "join",
                "com.acme.J#join(Lcom/acme/Frame;I)Lcom/acme/Frame;",
                "v1",
                List.of(
                    new PlannedVariable("left", true, true, 0),
                    new PlannedVariable("limit", true, true, 1),
                    new PlannedVariable("return", false, false, 0))));
    Path left = Files.writeString(dir.resolve("left.csv"), "a\n1\n");
    Path right = Files.writeString(dir.resolve("right.csv"), "b\n2\n");

    Object token =
        recorder.enter(join, new Object[] {new TestFrame("a:int", List.of(left.toString())), 10});
    recorder.exit(
        token,
        new Object[] {new TestFrame("a:int,b:int", List.of(left.toString(), right.toString()))});

    CompletedRun run = runs.get(0);
    assertEquals(
        List.of(
            "left",
            "limit",
            "left.schema",
            "left.source[0]",
            "return.source[0]",
            "return.source[1]"),
        names(run.inputs()));
    assertEquals(List.of("return", "return.schema"), names(run.outputs()));
    assertEquals(right.toString(), run.inputs().get(5).text());
  }

  private static List<String> names(List<CapturedValue> values) {
    return values.stream().map(CapturedValue::name).toList();
  }
}
