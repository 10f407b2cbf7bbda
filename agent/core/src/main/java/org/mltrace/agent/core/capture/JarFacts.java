package org.mltrace.agent.core.capture;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a class's code source tells about it: where it is, the SHA-256 of the jar's bytes and the
 * jar's Maven coordinates. Read once per code source, off the class-loading thread (see {@link
 * CodeSourceReporter}): a 17 MB jar takes tens of milliseconds to hash.
 *
 * @param location the jar's or directory's absolute path, or the URL as given when it is not a
 *     {@code file:} URL (a nested jar), or null when there is none
 * @param sha256 64 hex digits, or null when the location is not a readable regular file
 * @param maven {@code groupId:artifactId:version}, or null
 * @param failure why the jar could not be read, or null
 */
public record JarFacts(String location, String sha256, String maven, String failure) {
  private static final String MAVEN_DIR = "META-INF/maven/";

  /** Reads the code source at {@code url} (a class's {@code CodeSource} location); never throws. */
  public static JarFacts read(String url) {
    JarFacts facts = describe(url);
    return facts.file() ? facts.hashed() : facts;
  }

  /** Whether the location is a regular file that {@link #hashed} can read. */
  boolean file() {
    return location != null
        && failure == null
        && sha256 == null
        && Files.isRegularFile(Path.of(location));
  }

  /**
   * The location and the Maven coordinates, without the hash: what reading the jar's central
   * directory gives (milliseconds, whatever its size). Never throws.
   */
  public static JarFacts describe(String url) {
    String location = location(url);
    if (location == null || location.equals(url)) {
      return new JarFacts(location, null, null, null);
    }
    Path path = Path.of(location);
    if (!Files.isRegularFile(path)) {
      return new JarFacts(location, null, null, null);
    }
    try {
      return new JarFacts(location, null, maven(path), null);
    } catch (IOException | RuntimeException e) {
      return new JarFacts(location, null, null, e.toString());
    }
  }

  /** The absolute path a {@code file:} URL names, else the URL as given (null for null); no I/O. */
  public static String location(String url) {
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url);
      if (!"file".equalsIgnoreCase(uri.getScheme())) {
        return url;
      }
      return Path.of(uri).toAbsolutePath().normalize().toString();
    } catch (Exception | Error notAFile) { // a malformed URI or one the default file system refuses
      return url;
    }
  }

  /** These facts with the SHA-256 of the file's bytes (the slow part: every byte is read). */
  public JarFacts hashed() {
    try {
      return new JarFacts(location, sha256(Path.of(location)), maven, failure);
    } catch (IOException | RuntimeException e) {
      return new JarFacts(location, null, maven, e.toString());
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      byte[] buffer = new byte[64 * 1024];
      while (in.read(buffer) >= 0) {
        // the digest sees every byte read
      }
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /**
   * The coordinates of the jar's one {@code META-INF/maven/G/A/pom.properties}; of several (a
   * shaded jar), the one whose artifact id the file name starts with; else null.
   */
  static String maven(Path jar) throws IOException {
    List<String> found = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        String name = entry.getName();
        if (name.startsWith(MAVEN_DIR)
            && name.endsWith("/pom.properties")
            && name.split("/").length == 5) {
          Properties p = new Properties();
          try (InputStream in = zip.getInputStream(entry)) {
            p.load(in);
          }
          String g = p.getProperty("groupId");
          String a = p.getProperty("artifactId");
          String v = p.getProperty("version");
          if (g != null && a != null && v != null) {
            found.add(g.strip() + ":" + a.strip() + ":" + v.strip());
          }
        }
      }
    }
    if (found.size() == 1) {
      return found.get(0);
    }
    String file = jar.getFileName().toString();
    for (String coordinates : found) {
      String[] gav = coordinates.split(":");
      if (file.startsWith(gav[1] + "-" + gav[2])) {
        return coordinates;
      }
    }
    return null;
  }
}
