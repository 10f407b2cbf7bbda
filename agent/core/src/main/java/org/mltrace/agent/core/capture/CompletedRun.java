package org.mltrace.agent.core.capture;

import java.util.List;
import org.mltrace.agent.event.CapturedValue;

/**
 * A finished call, as the application thread hands it to the writer thread, which adds the process
 * identity and encodes it.
 */
public record CompletedRun(
    MethodPlan plan,
    long sequence,
    long startEpochMicros,
    long endEpochMicros,
    long durationNanos,
    String thread,
    boolean failed,
    String errorClass,
    String errorMessage,
    List<CapturedValue> inputs,
    List<CapturedValue> outputs) {}
