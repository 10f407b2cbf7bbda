package org.mltrace.agent.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeVersionsTest {
  private static final String SHA_A = "1111111111111111111111111111111111111111";
  private static final String SHA_B = "2222222222222222222222222222222222222222";

  @TempDir Path root;

  @Test
  void sha256IsSixteenHexDigitsThatTellBytesApart() {
    String a = CodeVersions.sha256(new byte[] {1, 2, 3});
    assertTrue(a.matches("[0-9a-f]{16}"), a);
    assertEquals(a, CodeVersions.sha256(new byte[] {1, 2, 3}));
    assertNotEquals(a, CodeVersions.sha256(new byte[] {1, 2, 4}));
    // The well-known SHA-256 of the empty input starts e3b0c442 98fc1c14.
    assertEquals("e3b0c44298fc1c14", CodeVersions.sha256(new byte[0]));
  }

  @Test
  void aBranchRefIsReadFromItsLooseFile() throws Exception {
    Path git = Files.createDirectories(root.resolve(".git/refs/heads"));
    write(root.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    write(git.resolve("main"), SHA_A + "\n");
    assertEquals(SHA_A, CodeVersions.gitCommit(nested()));
  }

  @Test
  void aBranchRefOnlyInPackedRefsIsFound() throws Exception {
    Files.createDirectories(root.resolve(".git/refs/heads"));
    write(root.resolve(".git/HEAD"), "ref: refs/heads/release\n");
    write(
        root.resolve(".git/packed-refs"),
        "# pack-refs with: peeled fully-peeled sorted\n"
            + SHA_B
            + " refs/heads/main\n"
            + SHA_A
            + " refs/heads/release\n"
            + "^"
            + SHA_B
            + "\n");
    assertEquals(SHA_A, CodeVersions.gitCommit(nested()));
  }

  @Test
  void aDetachedHeadIsTheCommitItself() throws Exception {
    Files.createDirectories(root.resolve(".git"));
    write(root.resolve(".git/HEAD"), SHA_B + "\n");
    assertEquals(SHA_B, CodeVersions.gitCommit(nested()));
  }

  @Test
  void aGitFileIsFollowedToTheRealGitDir() throws Exception {
    // A submodule: .git is a file pointing into the parent's .git/modules.
    Path modules = Files.createDirectories(root.resolve("parent/.git/modules/sub/refs/heads"));
    write(modules.resolve("main"), SHA_A + "\n");
    write(root.resolve("parent/.git/modules/sub/HEAD"), "ref: refs/heads/main\n");
    Path sub = Files.createDirectories(root.resolve("parent/sub"));
    write(sub.resolve(".git"), "gitdir: ../.git/modules/sub\n");
    assertEquals(SHA_A, CodeVersions.gitCommit(Files.createDirectories(sub.resolve("src/main"))));
  }

  @Test
  void aWorktreeReadsItsBranchFromTheCommonDir() throws Exception {
    Path common = Files.createDirectories(root.resolve("main/.git/refs/heads"));
    write(common.resolve("feature"), SHA_B + "\n");
    Path worktreeGit = Files.createDirectories(root.resolve("main/.git/worktrees/wt"));
    write(worktreeGit.resolve("HEAD"), "ref: refs/heads/feature\n");
    write(worktreeGit.resolve("commondir"), "../..\n");
    Path wt = Files.createDirectories(root.resolve("wt"));
    write(wt.resolve(".git"), "gitdir: ../main/.git/worktrees/wt\n");
    assertEquals(SHA_B, CodeVersions.gitCommit(wt));
  }

  @Test
  void aBranchWithNoCommitYetIsNull() throws Exception {
    Files.createDirectories(root.resolve(".git/refs/heads"));
    write(root.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    assertNull(CodeVersions.gitCommit(nested()));
  }

  @Test
  void outsideAnyWorkTreeIsNull() throws Exception {
    for (Path d = root.toAbsolutePath(); d != null; d = d.getParent()) {
      assumeTrue(
          !Files.exists(d.resolve(".git")), "the temp directory lies inside a git work tree: " + d);
    }
    assertNull(CodeVersions.gitCommit(nested()));
  }

  private Path nested() throws Exception {
    return Files.createDirectories(root.resolve("app/src/main/java"));
  }

  private static void write(Path file, String text) throws Exception {
    Files.writeString(file, text);
  }
}
