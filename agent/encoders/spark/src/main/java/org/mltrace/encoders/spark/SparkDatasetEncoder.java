package org.mltrace.encoders.spark;

import java.util.ArrayList;
import org.mltrace.agent.spi.EncodedValue;
import org.mltrace.agent.spi.ValueEncoderPlugin;
import org.mltrace.agent.spi.ValueTypes;

/**
 * Describes a Spark {@code Dataset}/{@code DataFrame}: it keeps its in-memory identity (so the
 * Dataset handed from one Spark call to the next still links their runs) and gains
 *
 * <ul>
 *   <li>its schema, {@code schema().simpleString()} ({@code struct<trip_id:int,fare:double>});
 *   <li>as sources, the files its logical plan reads ({@link PlanSources}), so that a run taking
 *       the Dataset links to the run that wrote those files.
 * </ul>
 *
 * <p>Runs no Spark job: the schema and the analyzed plan exist once the Dataset does (Spark
 * analyzes a Dataset when it is created), and nothing here optimizes, plans or executes it. Only
 * Datasets that carry a {@code queryExecution()} (Spark 3, and Spark 4's classic Datasets) are
 * supported: a Spark Connect Dataset would need a round trip to the server for its schema.
 */
public final class SparkDatasetEncoder implements ValueEncoderPlugin {
  static final String DATASET = "org.apache.spark.sql.Dataset";

  @Override
  public boolean supports(Class<?> type) {
    return ValueTypes.isSubtypeOf(type, DATASET) && Reflect.has(type, "queryExecution");
  }

  @Override
  public EncodedValue encode(Object dataset) throws ReflectiveOperationException {
    Object schema = Reflect.call(dataset, "schema");
    Object qe = Reflect.call(dataset, "queryExecution");
    // The analyzed plan, not the logical one: Spark 4 builds spark.read().csv(path) as an
    // UnresolvedDataSource, which only analysis turns into a LogicalRelation with its paths. A
    // classic Dataset is analyzed when it is created (Dataset.ofRows asserts it), so this reads a
    // plan that already exists: no analysis, no planning, no job.
    Object plan = Reflect.call(qe, "analyzed");
    EncodedValue value =
        EncodedValue.sameObject().withSources(new ArrayList<>(PlanSources.of(plan)));
    return schema == null
        ? value
        : value.withSchema(String.valueOf(Reflect.call(schema, "simpleString")));
  }
}
