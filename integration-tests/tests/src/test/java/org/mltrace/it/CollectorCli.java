package org.mltrace.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code java -jar mltrace-collector.jar COMMAND ... --db URL} against one database. */
final class CollectorCli {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path workDir;
  private final String dbUrl;

  CollectorCli(Path workDir, String dbUrl) {
    this.workDir = workDir;
    this.dbUrl = dbUrl;
  }

  /** An embedded H2 file database inside {@code dir}. */
  static CollectorCli h2(Path dir) {
    return new CollectorCli(dir, "jdbc:h2:file:" + dir.resolve("mltrace").toAbsolutePath());
  }

  ProcessResult run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("-jar", Artifacts.collectorJar().toString()));
    command.addAll(List.of(args));
    command.add("--db");
    command.add(dbUrl);
    return JavaProcess.run(workDir, command);
  }

  /** Runs a command that must succeed and parses its {@code --json} output. */
  JsonNode json(String... args) throws IOException, InterruptedException {
    String[] withJson = new String[args.length + 1];
    System.arraycopy(args, 0, withJson, 0, args.length);
    withJson[args.length] = "--json";
    ProcessResult r = run(withJson);
    if (r.exitCode() != 0) {
      throw new AssertionError("collector failed:\n" + r);
    }
    return JSON.readTree(r.stdout());
  }

  /** An existing PostgreSQL database or schema. */
  static CollectorCli postgres(Path workDir, String url) {
    return new CollectorCli(workDir, url);
  }

  String url() {
    return dbUrl;
  }

  /** {@code collect --queue QUEUE} following until stopped, in the background. */
  Background follow(Path queue) throws IOException {
    return follow(queue, List.of());
  }

  /** {@link #follow(Path)} with JVM options before {@code -jar}. */
  Background follow(Path queue, List<String> jvmOptions) throws IOException {
    List<String> args = new ArrayList<>(jvmOptions);
    args.addAll(
        List.of(
            "-jar",
            Artifacts.collectorJar().toString(),
            "collect",
            "--queue",
            queue.toString(),
            "--db",
            dbUrl));
    return Background.start(workDir, "collector", args);
  }

  /** The rows of {@code sql --json "QUERY"}. */
  JsonNode rows(String query) throws IOException, InterruptedException {
    return json("sql", query);
  }

  /** The number in the first column of the first row, e.g. of {@code SELECT COUNT(*) ...}. */
  long count(String query) throws IOException, InterruptedException {
    return rows(query).get(0).elements().next().asLong();
  }

  void collectOnce(Path queue) throws IOException, InterruptedException {
    ProcessResult r = run("collect", "--queue", queue.toString(), "--once");
    if (r.exitCode() != 0) {
      throw new AssertionError("collect --once failed:\n" + r);
    }
  }
}
