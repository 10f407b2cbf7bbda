package org.mltrace.agent.event;

import java.util.List;

/**
 * One component run, as the agent appends it when the instrumented method exits.
 *
 * @param runId unique across JVMs: the agent id followed by a per-agent sequence number
 * @param component the component name from the YAML
 * @param method the instrumented method, as {@code class#name(descriptor)}
 * @param agentId identifies one agent start (host, pid, random part)
 * @param host host name of the JVM
 * @param pid process id of the JVM
 * @param thread name of the thread that ran the method
 * @param startEpochMicros wall-clock start, microseconds since the epoch
 * @param endEpochMicros wall-clock end, microseconds since the epoch
 * @param durationNanos measured with {@link System#nanoTime()}, so immune to clock steps
 * @param codeVersion SHA-256 (hex) of the instrumented class file as loaded
 * @param gitCommit the application's git commit, or null outside a git work tree
 * @param failed true when the method exited by throwing
 * @param errorClass the thrown exception's class, or null
 * @param errorMessage the thrown exception's message (cut), or null
 * @param inputs the named inputs, in YAML order
 * @param outputs the named outputs, in YAML order
 * @param unrecordedBefore calls of this component that this agent did not record (YAML {@code
 *     sample:}, or the circuit breaker while the queue fell behind) since its previous event that
 *     carried such a count; so the component's calls are its runs plus the sum of these plus the
 *     {@link AgentStatsEvent#unrecorded} counts. Since format version 3; 0 before.
 */
public record RunEvent(
    String runId,
    String component,
    String method,
    String agentId,
    String host,
    long pid,
    String thread,
    long startEpochMicros,
    long endEpochMicros,
    long durationNanos,
    String codeVersion,
    String gitCommit,
    boolean failed,
    String errorClass,
    String errorMessage,
    List<CapturedValue> inputs,
    List<CapturedValue> outputs,
    long unrecordedBefore)
    implements Event {

  public RunEvent {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** A run with no unrecorded calls before it. */
  public RunEvent(
      String runId,
      String component,
      String method,
      String agentId,
      String host,
      long pid,
      String thread,
      long startEpochMicros,
      long endEpochMicros,
      long durationNanos,
      String codeVersion,
      String gitCommit,
      boolean failed,
      String errorClass,
      String errorMessage,
      List<CapturedValue> inputs,
      List<CapturedValue> outputs) {
    this(
        runId,
        component,
        method,
        agentId,
        host,
        pid,
        thread,
        startEpochMicros,
        endEpochMicros,
        durationNanos,
        codeVersion,
        gitCommit,
        failed,
        errorClass,
        errorMessage,
        inputs,
        outputs,
        0);
  }
}
