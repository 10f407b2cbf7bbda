package org.mltrace.collector.truth;

import java.util.List;
import org.mltrace.collector.MltraceException;

/**
 * A task or feedback request that cannot be served: an unknown task (with the known ones), or a
 * feedback file with bad lines ({@link #problems()}: each {@code FILE:LINE: what was expected}).
 */
public final class TaskException extends MltraceException {
  private final List<String> problems;

  TaskException(Category category, String message, List<String> problems) {
    super(category, message, null);
    this.problems = List.copyOf(problems);
  }

  static TaskException notFound(String message) {
    return new TaskException(Category.NOT_FOUND, message, List.of());
  }

  static TaskException usage(String message) {
    return new TaskException(Category.USAGE, message, List.of());
  }

  /** Every problem of a feedback file, one line each; empty for other failures. */
  public List<String> problems() {
    return problems;
  }
}
