package org.mltrace.agent.core.capture;

import java.util.Locale;
import java.util.Set;

/**
 * Guesses an IOPointer's type (data, model, endpoint) from a file extension, URI scheme or class
 * name. A per-variable {@code type:} in the YAML will override this later.
 */
public final class PointerTypes {
  public static final String DATA = "data";
  public static final String MODEL = "model";
  public static final String ENDPOINT = "endpoint";

  private static final Set<String> MODEL_EXTENSIONS =
      Set.of("bin", "onnx", "pt", "pth", "model", "joblib", "ser", "zip", "pkl", "h5", "pmml");

  private PointerTypes() {}

  /** For a file name or path: model extensions give model, everything else data. */
  public static String ofFileName(String name) {
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    int dot = name.lastIndexOf('.');
    if (dot > slash
        && MODEL_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
      return MODEL;
    }
    return DATA;
  }

  /** For a URI: http(s) is an endpoint, file URIs go by extension, other schemes are data. */
  public static String ofUri(String scheme, String path) {
    if (scheme == null) {
      return path == null ? DATA : ofFileName(path);
    }
    String s = scheme.toLowerCase(Locale.ROOT);
    if (s.equals("http") || s.equals("https")) {
      return ENDPOINT;
    }
    return path == null ? DATA : ofFileName(path);
  }

  /** For an in-memory object: a class whose simple name mentions Model is a model. */
  public static String ofClassName(String className) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    return simple.contains("Model") ? MODEL : DATA;
  }
}
