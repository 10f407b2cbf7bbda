package org.mltrace.collector.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where this collector runs from and where the agent jar beside it is, so that {@code mltrace init}
 * can print commands that work on this machine as they are.
 *
 * <p>Two layouts are known: the source tree after {@code mvn package}, where the collector is
 * {@code collector/target/mltrace-collector.jar} (or {@code collector/target/classes} in tests) and
 * the agent {@code agent/target/mltrace-agent.jar}; and an installation that put the jars in one
 * directory. Anything else is reported as "not found", never guessed.
 */
final class Installation {
  static final String AGENT_JAR = "mltrace-agent.jar";
  static final String COLLECTOR_JAR = "mltrace-collector.jar";
  static final String LAUNCHER = "mltrace";

  /** The agent's queue directory when neither its queue= nor the YAML names one. */
  static final String DEFAULT_QUEUE = "mltrace-data/queue";

  /** The collector's jar, or its classes directory when run from the build tree. */
  private final Path codeSource;

  Installation(Path codeSource) {
    this.codeSource = codeSource.toAbsolutePath().normalize();
  }

  /** The installation this class was loaded from. */
  static Installation current() {
    try {
      return new Installation(
          Path.of(Installation.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException | RuntimeException e) {
      return new Installation(Path.of("").toAbsolutePath());
    }
  }

  /** The directory holding the collector jar (or its classes directory). */
  Path home() {
    return Files.isRegularFile(codeSource) ? codeSource.getParent() : codeSource;
  }

  /** The places the agent jar is looked for, nearest first. */
  List<Path> agentJarCandidates() {
    List<Path> candidates = new ArrayList<>();
    Path dir = home();
    for (int up = 0; dir != null && up < 4; up++, dir = dir.getParent()) {
      candidates.add(dir.resolve(AGENT_JAR));
      candidates.add(dir.resolve("agent").resolve("target").resolve(AGENT_JAR));
    }
    return candidates;
  }

  Optional<Path> agentJar() {
    return agentJarCandidates().stream().filter(Files::isRegularFile).findFirst();
  }

  /**
   * How to start the collector here: the {@code mltrace} launcher beside the jar when the build
   * made one, else {@code java -jar} with the jar's absolute path, else (run from classes, in
   * tests) the plain name.
   */
  String collectorCommand() {
    Path launcher = home().resolve(LAUNCHER);
    if (Files.isExecutable(launcher)) {
      return Shell.quote(launcher.toString());
    }
    if (Files.isRegularFile(codeSource)) {
      return "java -jar " + Shell.quote(codeSource.toString());
    }
    return "mltrace";
  }
}
