package org.mltrace.collector;

/**
 * A failure the user can act on. The message is one line that names the thing involved (run id,
 * queue directory, database URL) and what was expected; the CLI prints it without a stack trace and
 * turns {@link #category()} into the exit code.
 */
public abstract class MltraceException extends RuntimeException {

  /** What kind of failure, which decides the exit code. */
  public enum Category {
    /** The request itself is wrong: a bad argument, a statement that is not a query. */
    USAGE,
    /** A run, output or component that is not recorded. */
    NOT_FOUND,
    /** The database or the queue could not be used. */
    IO
  }

  private final Category category;

  protected MltraceException(Category category, String message, Throwable cause) {
    super(message, cause);
    this.category = category;
  }

  public Category category() {
    return category;
  }
}
