package org.mltrace.collector.query;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where one woven class of a run's component came from, as its agent reported it.
 *
 * @param className the class, dotted
 * @param codeVersion the class file's hash (16 hex digits)
 * @param location the jar's or directory's absolute path, or a code source URL; null for none
 * @param jarSha256 the SHA-256 of the jar's bytes (64 hex digits), or null
 * @param maven {@code groupId:artifactId:version}, or null
 */
public record CodeSourceView(
    String className, String codeVersion, String location, String jarSha256, String maven) {

  /** The jar's (or directory's) file name, or null. */
  public String jar() {
    if (location == null) {
      return null;
    }
    String l = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    return l.substring(Math.max(l.lastIndexOf('/'), l.lastIndexOf('\\')) + 1);
  }

  /**
   * In a few words: the Maven coordinates, else the jar's file name, then the first 12 hex digits
   * of its hash ({@code ml.dmlc:xgboost4j_2.12:3.4.0 sha256:1a2b3c4d5e6f}); {@code -} when nothing
   * is known.
   */
  public String brief() {
    String name = maven != null ? maven : jar();
    String hash =
        jarSha256 == null
            ? null
            : "sha256:" + jarSha256.substring(0, Math.min(12, jarSha256.length()));
    if (name == null) {
      return hash == null ? "-" : hash;
    }
    return hash == null ? name : name + " " + hash;
  }

  /** The distinct briefs of a run's classes, joined by {@code ", "}; {@code -} for none. */
  public static String brief(Collection<CodeSourceView> sources) {
    Set<String> briefs = new LinkedHashSet<>();
    sources.forEach(s -> briefs.add(s.brief()));
    return briefs.isEmpty() ? "-" : String.join(", ", briefs);
  }
}
