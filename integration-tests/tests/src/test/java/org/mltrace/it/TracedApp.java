package org.mltrace.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts an application JVM with or without the mltrace agent. */
final class TracedApp {
  private TracedApp() {}

  /** {@code java -javaagent:mltrace-agent.jar=config=CONFIG,queue=QUEUE ARGS...} */
  static ProcessResult withAgent(Path workDir, Path config, Path queue, List<String> appArgs)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>();
    args.add("-javaagent:" + Artifacts.agentJar() + "=config=" + config + ",queue=" + queue);
    args.addAll(appArgs);
    return JavaProcess.run(workDir, args);
  }

  static ProcessResult withoutAgent(Path workDir, List<String> appArgs)
      throws IOException, InterruptedException {
    return JavaProcess.run(workDir, appArgs);
  }
}
