package org.mltrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mltrace doctor} on a queue directory its user cannot read: the collector jar run as {@code
 * nobody} (through setpriv) against a root-owned queue directory of mode 700. Permissions do not
 * stop root, who runs CI, so the unit tests cannot make a queue unreadable; a second user can.
 */
class DoctorPermissionsIT {
  @TempDir Path dir;

  @Test
  void anUnreadableQueueIsAProblemWithWhatToDo() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to switch to nobody");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "util-linux setpriv is missing");
    assumeTrue(
        readableByOthers(Artifacts.collectorJar()), "the collector jar is not readable by nobody");
    assumeTrue(
        readableByOthers(Path.of(System.getProperty("java.home"), "bin", "java")),
        "java is not usable by nobody");

    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path queue = Files.createDirectories(dir.resolve("queue").resolve("host-1-agent"));
    Files.setPosixFilePermissions(
        dir.resolve("queue"), PosixFilePermissions.fromString("rwx------"));

    Process p =
        new ProcessBuilder(
                "/usr/bin/setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Artifacts.collectorJar().toString(),
                "doctor",
                "--db",
                "jdbc:postgresql://127.0.0.1:1/none?user=none",
                "--queue",
                queue.getParent().toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "doctor did not finish");
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(3, p.exitValue(), out);
    assertTrue(
        out.contains("PROBLEM  queue        " + queue.getParent() + ": not readable by this user"),
        out);
    assertTrue(out.contains("-> run mltrace as the user the agents write as"), out);
  }

  /** True when every directory above {@code file} can be entered, and the file read, by anyone. */
  private static boolean readableByOthers(Path file) throws Exception {
    Path real = file.toRealPath();
    if (!Files.getPosixFilePermissions(real).contains(PosixFilePermission.OTHERS_READ)) {
      return false;
    }
    for (Path d = real.getParent(); d != null; d = d.getParent()) {
      if (!Files.getPosixFilePermissions(d).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return false;
      }
    }
    return true;
  }
}
