package org.mltrace.agent.event;

import java.util.List;

/**
 * Encodes the run events of one agent into one reusable buffer, byte for byte as {@link
 * EventCodec#encode} encodes the same {@link RunEvent}, for the agent's writer thread.
 *
 * <p>The writer encodes every run a traced method makes, up to hundreds of thousands a second, on a
 * thread that shares the application's cores. So this writes no {@link RunEvent} first, no run id
 * string ({@code AGENT-SEQUENCE} is written from its parts), and no intermediate array: the fields
 * that are the same for every run of the process (agent id, host, pid) are encoded once, the
 * strings that are the same objects run after run (component, method, thread, code version,
 * variable and class names) are copied from what was written for them last time, and the event is
 * appended from {@link #array()} directly. Not thread-safe.
 */
public final class RunEventEncoder {
  private final WireWriter w = new WireWriter(512);

  /** {@code AGENT-} in UTF-8: the run id without its sequence number. */
  private final byte[] runIdPrefix;

  /** The agent id, host and pid, encoded. */
  private final byte[] process;

  private final String gitCommit;

  public RunEventEncoder(String agentId, String host, long pid, String gitCommit) {
    this.runIdPrefix = (agentId + "-").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    WireWriter p = new WireWriter(64);
    p.writeString(agentId);
    p.writeString(host);
    p.writeVarLong(pid);
    this.process = p.toByteArray();
    this.gitCommit = gitCommit;
    w.cacheRepeatedStrings();
  }

  /**
   * Encodes one run into {@link #array()}, replacing the previous one.
   *
   * @param sequence the run's number within the agent: its id is {@code AGENT-SEQUENCE}
   */
  public void encode(
      long sequence,
      String component,
      String method,
      String thread,
      long startEpochMicros,
      long endEpochMicros,
      long durationNanos,
      String codeVersion,
      boolean failed,
      String errorClass,
      String errorMessage,
      List<CapturedValue> inputs,
      List<CapturedValue> outputs,
      long unrecordedBefore) {
    w.reset();
    w.writeByte(EventCodec.FORMAT_VERSION);
    w.writeByte(EventCodec.KIND_RUN);
    writeRunId(sequence);
    w.writeRepeatedString(component);
    w.writeRepeatedString(method);
    w.writeBytes(process);
    w.writeRepeatedString(thread);
    w.writeSignedVarLong(startEpochMicros);
    w.writeSignedVarLong(endEpochMicros);
    w.writeSignedVarLong(durationNanos);
    w.writeRepeatedString(codeVersion);
    w.writeRepeatedString(gitCommit);
    w.writeByte(failed ? 1 : 0);
    w.writeString(errorClass);
    w.writeString(errorMessage);
    EventCodec.writeValues(w, inputs);
    EventCodec.writeValues(w, outputs);
    w.writeVarLong(unrecordedBefore);
  }

  /** The prefix, then the sequence in decimal, as a string of that text would be written. */
  private void writeRunId(long sequence) {
    int digits = sequence < 0 ? 0 : decimalDigits(sequence);
    if (digits == 0) { // a negative sequence never happens; written the plain way all the same
      w.writeString(new String(runIdPrefix, java.nio.charset.StandardCharsets.UTF_8) + sequence);
      return;
    }
    w.writeVarLong(runIdPrefix.length + digits + 1L);
    w.writeBytes(runIdPrefix);
    w.writeDecimal(sequence, digits);
  }

  private static int decimalDigits(long v) {
    int digits = 1;
    for (long limit = 10; v >= limit && digits < 19; limit *= 10) {
      digits++;
    }
    return digits;
  }

  /** The array the last event was encoded into; its first {@link #length()} bytes are the event. */
  public byte[] array() {
    return w.array();
  }

  public int length() {
    return w.length();
  }

  /** A copy of the last event, for keeping. */
  public byte[] toByteArray() {
    return w.toByteArray();
  }
}
