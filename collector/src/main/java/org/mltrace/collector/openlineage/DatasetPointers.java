package org.mltrace.collector.openlineage;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Names an OpenLineage dataset the way the agent names the same thing, so that lineage joins runs
 * of both.
 *
 * <p>A local file (namespace {@code file}, or {@code file://HOST}, and an absolute path as name) is
 * its normalized absolute path, exactly the agent's file pointer identifier. Anything else is the
 * namespace and the name joined by one slash ({@code s3://bucket} + {@code data/x.csv} gives {@code
 * s3://bucket/data/x.csv}, which is how the agent names a {@code URI} to it).
 */
final class DatasetPointers {
  /** The agent's {@code PointerTypes}: these file extensions are models, other files data. */
  private static final Set<String> MODEL_EXTENSIONS =
      Set.of("bin", "onnx", "pt", "pth", "model", "joblib", "ser", "zip", "pkl", "h5", "pmml");

  private DatasetPointers() {}

  static String identifier(String namespace, String name) {
    if (isFile(namespace) && name.startsWith("/")) {
      return Path.of(name).normalize().toString();
    }
    if (namespace.endsWith("/") && name.startsWith("/")) {
      return namespace + name.substring(1);
    }
    if (namespace.endsWith("/") || name.startsWith("/")) {
      return namespace + name;
    }
    return namespace + "/" + name;
  }

  /** {@code model} for a model file extension, {@code endpoint} for http(s), else {@code data}. */
  static String type(String namespace, String identifier) {
    String ns = namespace.toLowerCase(Locale.ROOT);
    if (ns.startsWith("http://") || ns.startsWith("https://")) {
      return "endpoint";
    }
    int slash = identifier.lastIndexOf('/');
    int dot = identifier.lastIndexOf('.');
    if (dot > slash
        && MODEL_EXTENSIONS.contains(identifier.substring(dot + 1).toLowerCase(Locale.ROOT))) {
      return "model";
    }
    return "data";
  }

  /** The last part of a dataset's name, for naming the values taken from its facets. */
  static String shortName(String name) {
    String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    int slash = trimmed.lastIndexOf('/');
    return slash >= 0 && slash < trimmed.length() - 1 ? trimmed.substring(slash + 1) : trimmed;
  }

  private static boolean isFile(String namespace) {
    return namespace.equals("file") || namespace.startsWith("file:");
  }
}
