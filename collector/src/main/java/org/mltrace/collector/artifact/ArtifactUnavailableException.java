package org.mltrace.collector.artifact;

import org.mltrace.collector.MltraceException;

/**
 * The snapshot is recorded but its file cannot be restored here (another host, a damaged store).
 */
public final class ArtifactUnavailableException extends MltraceException {
  ArtifactUnavailableException(String message, Throwable cause) {
    super(Category.IO, message, cause);
  }
}
