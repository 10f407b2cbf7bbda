package org.mltrace.agent.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarFactsTest {
  @TempDir Path tmp;

  static Path jar(Path file, String... pomProperties) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("com/example/Model.class"));
      zip.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
      for (int i = 0; i + 2 < pomProperties.length; i += 3) {
        zip.putNextEntry(
            new ZipEntry(
                "META-INF/maven/"
                    + pomProperties[i]
                    + "/"
                    + pomProperties[i + 1]
                    + "/pom.properties"));
        zip.write(
            ("#generated\ngroupId="
                    + pomProperties[i]
                    + "\nartifactId="
                    + pomProperties[i + 1]
                    + "\nversion="
                    + pomProperties[i + 2]
                    + "\n")
                .getBytes(StandardCharsets.ISO_8859_1));
      }
    }
    return file;
  }

  @Test
  void aJarWithPomPropertiesGivesItsPathItsSha256AndItsCoordinates() throws Exception {
    Path jar =
        jar(
            tmp.resolve("spark-mllib_2.13-4.0.1.jar"),
            "org.apache.spark",
            "spark-mllib_2.13",
            "4.0.1");
    JarFacts facts = JarFacts.read(jar.toUri().toURL().toString());
    assertEquals(jar.toAbsolutePath().toString(), facts.location());
    String expected =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
    assertEquals(expected, facts.sha256());
    assertEquals("org.apache.spark:spark-mllib_2.13:4.0.1", facts.maven());
    assertNull(facts.failure());
  }

  @Test
  void ofSeveralPomPropertiesTheOneNamedLikeTheJarWinsAndNoneWhenNoneIs() throws Exception {
    Path shaded =
        jar(
            tmp.resolve("app-2.0.jar"),
            "com.google.guava",
            "guava",
            "33.0",
            "com.example",
            "app",
            "2.0");
    assertEquals("com.example:app:2.0", JarFacts.read(shaded.toUri().toString()).maven());
    Path unnamed =
        jar(
            tmp.resolve("bundle.jar"),
            "com.google.guava",
            "guava",
            "33.0",
            "com.example",
            "app",
            "2.0");
    JarFacts facts = JarFacts.read(unnamed.toUri().toString());
    assertNull(facts.maven());
    assertNotNull(facts.sha256());
    assertNull(JarFacts.read(jar(tmp.resolve("plain.jar")).toUri().toString()).maven());
  }

  @Test
  void aDirectoryANestedJarAndNoLocationGiveWhatTheyHave() throws Exception {
    JarFacts dir = JarFacts.read(tmp.toUri().toString());
    assertEquals(tmp.toAbsolutePath().toString(), dir.location());
    assertNull(dir.sha256());
    assertNull(dir.failure());
    String nested = "jar:nested:/app/boot.jar/!BOOT-INF/lib/model.jar";
    assertEquals(new JarFacts(nested, null, null, null), JarFacts.read(nested));
    assertEquals(new JarFacts(null, null, null, null), JarFacts.read(null));
  }

  @Test
  void aFileThatIsNotAZipKeepsItsHashAndSaysWhyItHasNoCoordinates() throws Exception {
    Path broken = Files.writeString(tmp.resolve("broken.jar"), "not a zip");
    JarFacts facts = JarFacts.read(broken.toUri().toString());
    assertEquals(broken.toString(), facts.location());
    assertNull(facts.sha256());
    assertNotNull(facts.failure());
  }
}
