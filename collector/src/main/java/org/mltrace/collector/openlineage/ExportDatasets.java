package org.mltrace.collector.openlineage;

import java.net.URI;

/**
 * Names a pointer as an OpenLineage dataset, the inverse of {@link DatasetPointers}: a file path is
 * namespace {@code file} with the path as name; a URI is its {@code scheme://authority} with the
 * path as name; an in-memory object ({@code mem://AGENT/Class@n}) goes to a namespace of its own,
 * {@value #MEMORY}; anything else to {@value #OTHER}.
 */
final class ExportDatasets {
  static final String MEMORY = "mltrace-memory";
  static final String OTHER = "mltrace";

  record Name(String namespace, String name) {}

  private ExportDatasets() {}

  static Name of(String pointer) {
    if (pointer.startsWith("/")) {
      return new Name("file", pointer);
    }
    if (pointer.startsWith("mem://")) {
      return new Name(MEMORY, pointer.substring("mem://".length()));
    }
    int scheme = pointer.indexOf("://");
    if (scheme > 0) {
      try {
        URI uri = URI.create(pointer);
        if (uri.getScheme() != null && uri.getRawAuthority() != null) {
          String path = uri.getRawPath() == null ? "" : uri.getRawPath();
          String name = path.startsWith("/") ? path.substring(1) : path;
          if (uri.getRawQuery() != null) {
            name += "?" + uri.getRawQuery();
          }
          return new Name(
              uri.getScheme() + "://" + uri.getRawAuthority(), name.isEmpty() ? "/" : name);
        }
      } catch (IllegalArgumentException notAUri) {
        // falls through: kept whole
      }
    }
    return new Name(OTHER, pointer);
  }
}
