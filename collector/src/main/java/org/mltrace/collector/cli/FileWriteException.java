package org.mltrace.collector.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.mltrace.collector.MltraceException;

/** A file the command was asked to write could not be written (exit 3, naming the file). */
final class FileWriteException extends MltraceException {
  FileWriteException(Path file, IOException cause) {
    super(Category.IO, "cannot write " + file + ": " + cause, cause);
  }
}
