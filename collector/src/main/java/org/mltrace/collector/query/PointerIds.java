package org.mltrace.collector.query;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The identifiers a user's ID may mean. The agent records files as absolute normalized paths, so a
 * relative or un-normalized path typed by the user is also tried in that form, against the working
 * directory. URIs and in-memory ids ({@code scheme://...}) are taken as they are.
 */
final class PointerIds {
  private PointerIds() {}

  static List<String> candidates(String id, Path workingDir) {
    Set<String> ids = new LinkedHashSet<>();
    ids.add(id);
    if (!id.contains("://") && !id.isBlank()) {
      try {
        ids.add(workingDir.resolve(id).toAbsolutePath().normalize().toString());
      } catch (InvalidPathException e) {
        // not a path on this system: only the literal id can match
      }
    }
    return List.copyOf(ids);
  }
}
