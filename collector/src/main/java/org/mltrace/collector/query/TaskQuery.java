package org.mltrace.collector.query;

import java.util.List;
import org.mltrace.collector.truth.TaskReport;

/** The read side of tasks for the CLI and the web UI: a task's report, the declared names. */
public final class TaskQuery {
  private final QueryService queries;

  public TaskQuery(QueryService queries) {
    this.queries = queries;
  }

  /**
   * @param name the task, or null for the only one
   * @throws org.mltrace.collector.truth.TaskException if it is not declared
   */
  public TaskReport report(String name, int limit) {
    if (limit < 1) {
      throw new InvalidRequestException("--limit must be at least 1, got " + limit);
    }
    return TaskReport.of(queries.database(), name, limit);
  }

  public List<String> names() {
    return TaskReport.names(queries.database());
  }
}
