package org.mltrace.agent.core.offline;

import java.util.Map;
import java.util.regex.Pattern;
import org.objectweb.asm.Type;

/**
 * Why a parameter, return or local type makes a method worth tracing: it names a file, is a dataset
 * or a model, or holds numbers. Each kind carries the weight {@link ComponentSuggester} ranks by.
 */
enum TypeEvidence {
  FILE("file path", 3),
  STRING_PATH("path given as a String", 3),
  DATASET("dataset", 3),
  MODEL("model", 3),
  NUMERIC_ARRAY("numeric array", 2),
  COLLECTION("collection", 1);

  final String label;
  final int weight;

  TypeEvidence(String label, int weight) {
    this.label = label;
    this.weight = weight;
  }

  private static final Map<String, TypeEvidence> KNOWN =
      Map.ofEntries(
          Map.entry("java/nio/file/Path", FILE),
          Map.entry("java/io/File", FILE),
          Map.entry("java/net/URI", FILE),
          Map.entry("java/net/URL", FILE),
          Map.entry("org/apache/spark/sql/Dataset", DATASET),
          Map.entry("org/apache/spark/api/java/JavaRDD", DATASET),
          Map.entry("org/apache/spark/rdd/RDD", DATASET),
          Map.entry("org/apache/spark/ml/Model", MODEL),
          Map.entry("org/apache/spark/ml/Estimator", MODEL),
          Map.entry("org/apache/spark/ml/Transformer", MODEL),
          Map.entry("org/apache/spark/ml/PipelineModel", MODEL),
          Map.entry("ml/dmlc/xgboost4j/java/Booster", MODEL),
          Map.entry("ml/dmlc/xgboost4j/java/DMatrix", DATASET),
          Map.entry("ml/dmlc/xgboost4j/scala/Booster", MODEL),
          Map.entry("ml/dmlc/xgboost4j/scala/DMatrix", DATASET),
          Map.entry("java/util/List", COLLECTION),
          Map.entry("java/util/Collection", COLLECTION),
          Map.entry("java/util/Set", COLLECTION),
          Map.entry("java/util/Map", COLLECTION),
          Map.entry("java/util/ArrayList", COLLECTION),
          Map.entry("java/util/HashMap", COLLECTION));
  private static final Pattern MODEL_NAME =
      Pattern.compile(".*(Model|Booster|Estimator|Classifier|Regressor|Predictor)");
  private static final Pattern DATASET_NAME =
      Pattern.compile(".*(Dataset|DataFrame|DMatrix|Matrix|DataSet|Frame|Table|Tensor)");
  private static final Pattern PATH_NAME =
      Pattern.compile("(?i).*(path|file|dir|directory|uri|url|location|dest|folder)");

  /** The evidence a declared type gives, or null; {@code name} is the variable's, if known. */
  static TypeEvidence of(Type type, String name) {
    if (type.getSort() == Type.ARRAY) {
      int element = type.getElementType().getSort();
      return element >= Type.BYTE && element <= Type.DOUBLE && element != Type.CHAR
          ? NUMERIC_ARRAY
          : null;
    }
    if (type.getSort() != Type.OBJECT) {
      return null;
    }
    String internal = type.getInternalName();
    if (internal.equals("java/lang/String")) {
      return name != null && PATH_NAME.matcher(name).matches() ? STRING_PATH : null;
    }
    TypeEvidence known = KNOWN.get(internal);
    if (known != null) {
      return known;
    }
    if (internal.startsWith("java/") || internal.startsWith("scala/")) {
      return null;
    }
    String simple = internal.substring(internal.lastIndexOf('/') + 1);
    simple = simple.substring(simple.lastIndexOf('$') + 1);
    if (MODEL_NAME.matcher(simple).matches()) {
      return MODEL;
    }
    return DATASET_NAME.matcher(simple).matches() ? DATASET : null;
  }
}
