package org.mltrace.collector.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mltrace.collector.query.CatalogQuery;
import org.mltrace.collector.query.ImpactQuery;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.query.ReviewQuery;
import org.mltrace.collector.query.SqlResult;
import org.mltrace.collector.query.TraceNode;
import org.mltrace.collector.query.TraceResult;

/**
 * Times the query commands on an existing history, in one JVM, the way a warm collector or web UI
 * answers them: each query on several targets, repeated, reported as percentiles. The targets are
 * picked from the history itself (see {@link Targets}), so the figures are comparable across
 * databases of the same shape, such as two {@code mltrace generate} histories on H2 and PostgreSQL.
 */
public final class QueryBench {
  /**
   * One query's timings.
   *
   * @param size what one answer held (tree lines, runs, ...), averaged, for context
   */
  public record Timing(
      String query,
      String target,
      int samples,
      double p50Ms,
      double p95Ms,
      double maxMs,
      double size,
      String sizeUnit) {}

  /** What the bench asks about, picked from the history. */
  public record Targets(
      String predictionComponent,
      List<String> predictions,
      List<String> rawInputs,
      String busiestComponent,
      List<String> recentRuns) {}

  private final QueryService queries;
  private final int repeat;

  public QueryBench(QueryService queries, int repeat) {
    this.queries = queries;
    this.repeat = repeat;
  }

  /**
   * Picks the targets: predictions are the outputs of the newest runs of the component that most
   * often ends a recent trace (a run that depends on others and that no run depends on); the raw
   * input is the one with fewest readers among those that the newest 200 runs without dependencies
   * read and that no run wrote (a day's raw file rather than a reference file every run reads,
   * whose impact is the whole history); the busiest component is the one with most runs.
   */
  public Targets targets(int predictions) {
    String sink =
        first(
            queries.sql(
                "SELECT r.component, COUNT(*) AS n FROM (SELECT run_key, component"
                    + " FROM component_runs ORDER BY start_time DESC FETCH FIRST 500 ROWS ONLY) r"
                    + " WHERE EXISTS (SELECT 1 FROM run_dependency_keys d WHERE d.run_key = r.run_key)"
                    // a link whose consumer key no run has was left by a lost transaction
                    + " AND NOT EXISTS (SELECT 1 FROM run_dependency_keys d JOIN component_runs c"
                    + " ON c.run_key = d.run_key WHERE d.depends_on_run_key = r.run_key)"
                    + " GROUP BY r.component ORDER BY n DESC, r.component FETCH FIRST 1 ROWS ONLY"));
    if (sink == null) {
      throw new IllegalStateException(
          "the history has no run that depends on another: nothing to trace"
              + " (build one with 'mltrace generate')");
    }
    List<String> outputs =
        column(
            queries.sql(
                "SELECT o.pointer_id FROM (SELECT id FROM component_runs WHERE component = '"
                    + sink.replace("'", "''")
                    + "' ORDER BY start_time DESC, id DESC FETCH FIRST "
                    + predictions
                    + " ROWS ONLY) r JOIN run_outputs o ON o.run_id = r.id"
                    + " WHERE o.pointer_id IS NOT NULL ORDER BY o.pointer_id"));
    List<String> raw =
        column(
            queries.sql(
                // the link tables by key (V048), as the queries it times read them
                "SELECT x.p, (SELECT COUNT(*) FROM run_read_keys a WHERE a.pointer_key = x.k)"
                    + " AS readers FROM (SELECT DISTINCT q.identifier AS p, q.pointer_key AS k"
                    + " FROM (SELECT id, run_key FROM component_runs"
                    + " ORDER BY start_time DESC FETCH FIRST 200 ROWS ONLY) r"
                    + " JOIN run_inputs i ON i.run_id = r.id"
                    + " JOIN io_pointers q ON q.identifier = i.pointer_id"
                    + " WHERE NOT EXISTS (SELECT 1 FROM run_dependency_keys d"
                    + " WHERE d.run_key = r.run_key)"
                    + " AND NOT EXISTS (SELECT 1 FROM run_write_keys o"
                    + " WHERE o.pointer_key = q.pointer_key)"
                    + ") x ORDER BY readers, x.p FETCH FIRST 1 ROWS ONLY"));
    String busiest =
        first(
            queries.sql(
                "SELECT component, COUNT(*) AS n FROM component_runs GROUP BY component"
                    + " ORDER BY n DESC, component FETCH FIRST 1 ROWS ONLY"));
    List<String> recent =
        column(
            queries.sql(
                "SELECT id FROM component_runs ORDER BY start_time DESC, id DESC"
                    + " FETCH FIRST 20 ROWS ONLY"));
    return new Targets(sink, outputs, raw, busiest, recent);
  }

  /** Times trace, impact, review, history, inspect and components on {@code t}. */
  public List<Timing> run(Targets t, int reviewed) {
    List<Timing> timings = new ArrayList<>();
    List<String> traced = t.predictions().subList(0, Math.min(20, t.predictions().size()));
    timings.add(
        time(
            "trace",
            traced.size() + " recent outputs of " + t.predictionComponent(),
            traced,
            id -> lines(queries.trace(id)),
            "runs in the tree"));
    for (String input : t.rawInputs()) {
      timings.add(
          time(
              "impact",
              input,
              List.of(input),
              id -> new ImpactQuery(queries).impact(id).runs().size(),
              "runs derived"));
    }
    List<String> flagged = t.predictions().subList(0, Math.min(reviewed, t.predictions().size()));
    timings.add(
        time(
            "review",
            flagged.size() + " outputs of " + t.predictionComponent(),
            List.of("all"),
            unused -> new ReviewQuery(queries).review(flagged).runs().size(),
            "runs ranked"));
    for (int limit : new int[] {20, 1000}) {
      timings.add(
          time(
              "history --limit " + limit,
              t.busiestComponent(),
              List.of(t.busiestComponent()),
              name -> queries.history(name, limit).runs().size(),
              "runs"));
    }
    timings.add(
        time(
            "inspect",
            t.recentRuns().size() + " newest runs",
            t.recentRuns(),
            id -> queries.inspect(id).run().inputs().size(),
            "inputs"));
    timings.add(
        time(
            "components",
            "all, with their latest run's staleness",
            List.of("all"),
            unused -> new CatalogQuery(queries).components(null, null).size(),
            "components"));
    return timings;
  }

  private interface Query {
    int ask(String target);
  }

  private Timing time(String name, String target, List<String> ids, Query q, String unit) {
    if (ids.isEmpty()) {
      return new Timing(
          name, target + " (none found)", 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, unit);
    }
    for (String id : ids) {
      q.ask(id); // warm-up: JIT, the database's page cache
    }
    double[] ms = new double[ids.size() * repeat];
    long size = 0;
    int k = 0;
    for (int r = 0; r < repeat; r++) {
      for (String id : ids) {
        long start = System.nanoTime();
        size += q.ask(id);
        ms[k++] = (System.nanoTime() - start) / 1e6;
      }
    }
    Arrays.sort(ms);
    return new Timing(
        name,
        target,
        ms.length,
        percentile(ms, 0.50),
        percentile(ms, 0.95),
        ms[ms.length - 1],
        (double) size / ms.length,
        unit);
  }

  private static double percentile(double[] sorted, double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  }

  private static int lines(TraceResult trace) {
    if (trace instanceof TraceResult.PointerTrace p) {
      return p.producedBy() == null ? 0 : count(p.producedBy());
    }
    return count(((TraceResult.RunTrace) trace).root());
  }

  private static int count(TraceNode node) {
    int n = 1;
    for (TraceNode child : node.upstream()) {
      n += count(child);
    }
    return n;
  }

  private static String first(SqlResult result) {
    return result.rows().isEmpty() ? null : (String) result.rows().get(0).get(0);
  }

  private static List<String> column(SqlResult result) {
    return result.rows().stream().map(row -> (String) row.get(0)).toList();
  }
}
