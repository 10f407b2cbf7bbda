package org.mltrace.collector.artifact;

import org.mltrace.collector.MltraceException;

/** No snapshot of that run and variable, or it was skipped. The message says which and why. */
public final class ArtifactNotFoundException extends MltraceException {
  ArtifactNotFoundException(String message) {
    super(Category.NOT_FOUND, message, null);
  }
}
