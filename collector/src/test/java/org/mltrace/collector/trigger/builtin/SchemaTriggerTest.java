package org.mltrace.collector.trigger.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mltrace.collector.trigger.builtin.Results.EXACT;
import static org.mltrace.collector.trigger.builtin.Results.assertError;
import static org.mltrace.collector.trigger.builtin.Results.assertFail;
import static org.mltrace.collector.trigger.builtin.Results.assertPass;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.collector.trigger.CapturedData;
import org.mltrace.collector.trigger.RunSnapshot;
import org.mltrace.collector.trigger.TriggerArgs;
import org.mltrace.collector.trigger.TriggerResult;

class SchemaTriggerTest {
  private final SchemaTrigger trigger = new SchemaTrigger();

  /** A Dataset input as the agent records it with the Spark plugin: identity plus NAME.schema. */
  private static RunSnapshot dataset(String schema, long schemaSize) {
    var df = new CapturedData("trips", "POINTER", "mem:1", "mem:1", null, null, null, null);
    var text =
        new CapturedData("trips.schema", "STRING", schema, null, schemaSize, null, null, null);
    return Runs.withInputs("r1", df, text);
  }

  private static final String SCHEMA =
      "struct<trip_id:int,fare:double,tags:array<string>,price:decimal(10,2),`a:b`:string>";

  private TriggerResult eval(RunSnapshot run, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("variable", "trips"));
    all.addAll(List.of(args));
    return trigger.evaluate(FakeContext.before(run, all.toArray(String[]::new)));
  }

  @Test
  void requiredColumnsByNameAndType() {
    var run = dataset(SCHEMA, SCHEMA.length());
    TriggerResult ok =
        eval(
            run,
            "columns",
            "trip_id, fare:double, tags:array<string>," + " price:decimal(10,2), `a:b`:string",
            "type",
            "dataframe");
    assertPass(ok, 0, 0, EXACT);
    assertEquals("'trips': type dataframe; all 5 required columns of 5", ok.message());
    // One column missing and one of another type: still one failed check (columns).
    TriggerResult bad = eval(run, "columns", "trip_id,tip,fare:float");
    assertFail(bad, 1, 0, EXACT);
    assertEquals("'trips': missing columns tip, fare as float (it is double)", bad.message());
  }

  @Test
  void aCutSchemaCannotProveAColumnMissing() {
    String cut = SCHEMA.substring(0, 30); // struct<trip_id:int,fare:double
    assertPass(eval(dataset(cut, SCHEMA.length()), "columns", "trip_id"), 0, 0, EXACT);
    assertError(
        eval(dataset(cut, SCHEMA.length()), "columns", "price"),
        "cannot tell whether 'trips' has column 'price'",
        "incomplete");
    String abbreviated = "struct<a:int,b:int,... 30 more fields>";
    assertError(eval(dataset(abbreviated, abbreviated.length()), "columns", "zz"), "incomplete");
  }

  @Test
  void columnsWithoutASchemaSaysHowToGetOne() {
    var run = Runs.withInputs("r1", Runs.sampled("trips", 1, 2));
    assertError(eval(run, "columns", "fare"), "records as 'trips.schema' for a Spark Dataset");
  }

  @Test
  void typeAndSizeOfACollection() {
    // 3 numbers; size 3 within [2, 5]; type collection<number>: 0 failed checks.
    var run = Runs.withInputs("r1", Runs.sampled("trips", 1, 2, 3));
    assertPass(
        eval(run, "type", "collection<number>", "min_size", "2", "max_size", "5"), 0, 0, EXACT);
    // type string (it is collection<number>) and size 3 outside [4, +inf): 2 failed checks.
    TriggerResult r = eval(run, "type", "string", "min_size", "4");
    assertFail(r, 2, 0, EXACT);
    assertEquals(
        "'trips': type collection<number>, expected string; size 3 outside [4, +inf]", r.message());
  }

  @Test
  void typeAndSizeOfScalars() {
    var run = Runs.withInputs("r1", Runs.text("trips", "abcdef"));
    assertPass(eval(run, "type", "string", "max_size", "6"), 0, 0, EXACT);
    var n = Runs.withInputs("r1", Runs.whole("trips", 4));
    assertPass(eval(n, "type", "number"), 0, 0, EXACT);
    assertFail(eval(n, "type", "double"), 1, 0, EXACT);
    assertError(eval(n, "min_size", "1"), "no size was recorded for 'trips'");
  }

  @Test
  void badArguments() {
    assertEquals(
        List.of(
            "argument 'type' must be one of boolean, long, double, string, pointer, null,"
                + " number, collection, collection<number>, collection<string>, dataframe, not"
                + " 'int'"),
        trigger.validate(TriggerArgs.of("variable", "x", "type", "int")));
    assertEquals(
        List.of(
            "schema needs at least one of the arguments 'type', 'min_size', 'max_size' and"
                + " 'columns'"),
        trigger.validate(TriggerArgs.of("variable", "x")));
    assertEquals(
        List.of("argument 'min_size' must be a whole number >= 0, not '-2'"),
        trigger.validate(TriggerArgs.of("variable", "x", "min_size", "-2")));
  }
}
