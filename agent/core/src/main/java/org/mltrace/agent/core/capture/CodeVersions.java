package org.mltrace.agent.core.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The code version of a run: a hash of the class file, and the application's git commit. */
public final class CodeVersions {
  private CodeVersions() {}

  /** First 16 hex digits of the SHA-256 of the bytes: enough to tell class versions apart. */
  public static String sha256(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /**
   * The commit checked out in the git work tree containing {@code dir}, read from the files under
   * {@code .git} (no git process is started), or null when there is none.
   */
  public static String gitCommit(Path dir) {
    for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
      Path git = d.resolve(".git");
      try {
        if (Files.isRegularFile(git)) {
          String pointer = Files.readString(git, StandardCharsets.UTF_8).trim();
          if (pointer.startsWith("gitdir:")) {
            return headCommit(d.resolve(pointer.substring(7).trim()).normalize());
          }
        } else if (Files.isDirectory(git)) {
          return headCommit(git);
        }
      } catch (IOException e) {
        return null;
      }
    }
    return null;
  }

  private static String headCommit(Path gitDir) throws IOException {
    Path headFile = gitDir.resolve("HEAD");
    if (!Files.isRegularFile(headFile)) {
      return null;
    }
    String head = Files.readString(headFile, StandardCharsets.UTF_8).trim();
    if (!head.startsWith("ref:")) {
      return head.matches("[0-9a-f]{40,64}") ? head : null;
    }
    String ref = head.substring(4).trim();
    Path common = commonDir(gitDir);
    for (Path base : new Path[] {gitDir, common}) {
      Path refFile = base.resolve(ref);
      if (Files.isRegularFile(refFile)) {
        return Files.readString(refFile, StandardCharsets.UTF_8).trim();
      }
    }
    Path packed = common.resolve("packed-refs");
    if (Files.isRegularFile(packed)) {
      for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
        if (line.endsWith(" " + ref)) {
          return line.substring(0, line.indexOf(' '));
        }
      }
    }
    return null; // a branch with no commit yet
  }

  private static Path commonDir(Path gitDir) throws IOException {
    Path file = gitDir.resolve("commondir");
    return Files.isRegularFile(file)
        ? gitDir.resolve(Files.readString(file, StandardCharsets.UTF_8).trim()).normalize()
        : gitDir;
  }
}
