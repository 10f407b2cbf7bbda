package org.mltrace.collector.cli;

import java.util.concurrent.Callable;
import org.mltrace.collector.query.JsonRenderer;
import org.mltrace.collector.query.QueryService;
import org.mltrace.collector.query.SqlResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mltrace sql "SELECT ..."}: a read-only ad-hoc query. */
@Command(
    mixinStandardHelpOptions = true,
    name = "sql",
    footerHeading = "%nExample:%n",
    footer = {
      "  mltrace sql \"SELECT component, COUNT(*) FROM component_runs GROUP BY component\""
    },
    description = {
      "Run one read-only SQL query.",
      "",
      "Prints a header line, then one line per row. Statements that could change data are "
          + "refused, and the transaction is always rolled back. The tables are in docs/schema.md."
    })
final class SqlCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "QUERY",
      description = "One SELECT (or WITH, VALUES, TABLE, SHOW) statement.")
  String query;

  @Mixin DatabaseOption db;
  @Mixin JsonOption json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (QueryService queries = QueryService.open(db.url)) {
      SqlResult result = queries.sql(query);
      Output.print(spec, json.json ? JsonRenderer.render(result) : TableText.render(result));
    }
    return ExitCodes.OK;
  }
}
