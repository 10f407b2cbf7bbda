package org.mltrace.collector.trigger.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mltrace.collector.trigger.CapturedData;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerContext;
import org.mltrace.collector.trigger.TriggerResult;

/**
 * {@code schema}: the variable's shape. Each given argument is one check; the result's value is the
 * number of checks that failed (threshold 0).
 *
 * <ul>
 *   <li>{@code type}: a value kind ({@code boolean}, {@code long}, {@code double}, {@code string},
 *       {@code pointer}, {@code null}), {@code number} (long or double), {@code collection} (an
 *       array, collection or map the agent summarized), {@code collection<number>} or {@code
 *       collection<string>} (what its elements were), or {@code dataframe} (a value with a Spark
 *       schema beside it);
 *   <li>{@code min_size}, {@code max_size}: bounds on the element count of a collection, else on
 *       the recorded size (a string's length, a file's bytes);
 *   <li>{@code columns}: required DataFrame columns, each {@code name} or {@code name:type} with
 *       Spark's simple type name ({@code fare:double}, {@code price:decimal(10,2)}; a name holding
 *       a colon in backticks), checked against the {@code NAME.schema} string the Spark encoder
 *       plugin records beside a Dataset ({@link SparkSchema}).
 * </ul>
 *
 * <p>The runtime class is not among what triggers see, so {@code type} cannot name one.
 */
final class SchemaTrigger extends BuiltinTrigger {
  static final List<String> TYPES =
      List.of(
          "boolean",
          "long",
          "double",
          "string",
          "pointer",
          "null",
          "number",
          "collection",
          "collection<number>",
          "collection<string>",
          "dataframe");

  @Override
  public String name() {
    return "schema";
  }

  @Override
  public List<String> validate(TriggerArgs args) {
    ArgCheck check =
        new ArgCheck(args, "variable", "type", "min_size", "max_size", "columns")
            .required("variable", "the captured variable to check")
            .wholeAtLeast("min_size", 0)
            .wholeAtLeast("max_size", 0);
    args.optional("type")
        .filter(t -> !TYPES.contains(t.trim().toLowerCase(Locale.ROOT)))
        .ifPresent(
            t ->
                check.problem(
                    "argument 'type' must be one of "
                        + String.join(", ", TYPES)
                        + ", not '"
                        + t
                        + "'"));
    if (!args.has("type")
        && !args.has("min_size")
        && !args.has("max_size")
        && args.optional("columns").orElse("").isBlank()) {
      check.problem(
          "schema needs at least one of the arguments 'type', 'min_size', 'max_size'"
              + " and 'columns'");
    }
    return check.result();
  }

  @Override
  TriggerResult check(TriggerContext ctx) throws MissingDataException {
    TriggerArgs args = ctx.args();
    CapturedData data = Variables.find(name(), ctx.run(), ctx.phase(), args.string("variable"));
    SparkSchema schema = null;
    CapturedData schemaValue =
        ctx.run().variable(ctx.phase(), data.name() + ".schema").orElse(null);
    if (schemaValue != null && schemaValue.text() != null) {
      boolean cut = schemaValue.size() != null && schemaValue.size() > schemaValue.text().length();
      schema = SparkSchema.parse(schemaValue.text(), cut);
    }
    List<String> failed = new ArrayList<>();
    List<String> passed = new ArrayList<>();
    if (args.has("type")) {
      String type = args.string("type").trim().toLowerCase(Locale.ROOT);
      String actual = typeOf(data, schema);
      boolean ok = matches(type, data, schema);
      (ok ? passed : failed).add("type " + actual + (ok ? "" : ", expected " + type));
    }
    if (args.has("min_size") || args.has("max_size")) {
      long size = size(data);
      long min = args.integer("min_size", 0);
      long max = args.has("max_size") ? args.integer("max_size", 0) : Long.MAX_VALUE;
      String range = "[" + min + ", " + (max == Long.MAX_VALUE ? "+inf" : max) + "]";
      boolean ok = size >= min && size <= max;
      (ok ? passed : failed).add("size " + size + (ok ? " in " : " outside ") + range);
    }
    List<String> required = SparkSchema.topLevel(args.optional("columns").orElse(""));
    if (!required.isEmpty()) {
      checkColumns(data, schema, required, passed, failed);
    }
    String message =
        "'" + data.name() + "': " + String.join("; ", failed.isEmpty() ? passed : failed);
    return TriggerResult.of(failed.isEmpty(), (double) failed.size(), 0.0, message);
  }

  private void checkColumns(
      CapturedData data,
      SparkSchema schema,
      List<String> required,
      List<String> passed,
      List<String> failed)
      throws MissingDataException {
    if (schema == null) {
      throw new MissingDataException(
          name()
              + " needs the columns of '"
              + data.name()
              + "', which the agent records as '"
              + data.name()
              + ".schema' for a Spark Dataset (with the Spark encoder plugin on"
              + " the agent's plugins: list); this run has no such schema");
    }
    List<String> missing = new ArrayList<>();
    for (String column : required) {
      int colon = SparkSchema.nameEnd(column);
      String colName = SparkSchema.unquote(colon < 0 ? column : column.substring(0, colon).trim());
      String colType = colon < 0 ? null : column.substring(colon + 1).trim();
      String actual = schema.columns().get(colName);
      if (actual == null) {
        if (!schema.complete()) {
          throw new MissingDataException(
              name()
                  + ": cannot tell whether '"
                  + data.name()
                  + "' has column '"
                  + colName
                  + "': its recorded schema is incomplete (cut at the variable's max_length, or"
                  + " abbreviated by Spark beyond spark.sql.debug.maxToStringFields)");
        }
        missing.add(colName);
      } else if (colType != null && !colType.equalsIgnoreCase(actual)) {
        missing.add(colName + " as " + colType + " (it is " + actual + ")");
      }
    }
    if (missing.isEmpty()) {
      passed.add("all " + required.size() + " required columns of " + schema.columns().size());
    } else {
      failed.add("missing columns " + String.join(", ", missing));
    }
  }

  private static boolean matches(String type, CapturedData data, SparkSchema schema) {
    String kind = data.kind() == null ? "" : data.kind().toLowerCase(Locale.ROOT);
    CapturedData.Summary s = data.summary();
    return switch (type) {
      case "number" -> kind.equals("long") || kind.equals("double");
      case "collection" -> s != null;
      case "collection<number>" -> s != null && "number".equals(s.elements());
      case "collection<string>" -> s != null && "string".equals(s.elements());
      case "dataframe" -> schema != null;
      default -> kind.equals(type);
    };
  }

  /** What the value is, in the vocabulary of {@code type}. */
  private static String typeOf(CapturedData data, SparkSchema schema) {
    if (schema != null) {
      return "dataframe";
    }
    if (data.summary() != null) {
      return "collection<" + data.summary().elements() + ">";
    }
    return data.kind() == null ? "unknown" : data.kind().toLowerCase(Locale.ROOT);
  }

  private long size(CapturedData data) throws MissingDataException {
    if (data.summary() != null) {
      return data.summary().count();
    }
    if (data.size() != null && data.size() >= 0) {
      return data.size();
    }
    throw new MissingDataException(
        name()
            + ": no size was recorded for '"
            + data.name()
            + "' (a "
            + Variables.describe(data)
            + "); sizes exist for collections, arrays, maps, strings and files");
  }
}
