package org.mltrace.collector.testing;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.FileFacts;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.agent.event.ValueKind;

/** Hand-built run events: times are seconds after {@link #T0_MICROS}. */
public final class RunBuilder {
  /** 2026-01-01T00:00:00Z in microseconds. */
  public static final long T0_MICROS = 1_767_225_600_000_000L;

  private final String id;
  private final String component;
  private long start = T0_MICROS;
  private long end = T0_MICROS + 1_000_000;
  private boolean failed;
  private String errorClass;
  private String errorMessage;
  private long unrecordedBefore;
  private final List<CapturedValue> inputs = new ArrayList<>();
  private final List<CapturedValue> outputs = new ArrayList<>();

  private RunBuilder(String id, String component) {
    this.id = id;
    this.component = component;
  }

  private String agentId = "agent-1";

  public static RunBuilder run(String id, String component) {
    return new RunBuilder(id, component);
  }

  /** Start and end, in seconds after T0. */
  public RunBuilder at(double startSeconds, double endSeconds) {
    start = T0_MICROS + Math.round(startSeconds * 1e6);
    end = T0_MICROS + Math.round(endSeconds * 1e6);
    return this;
  }

  public RunBuilder reads(String name, String pointer) {
    inputs.add(pointer(name, pointer, "data"));
    return this;
  }

  public RunBuilder writes(String name, String pointer, String type) {
    outputs.add(pointer(name, pointer, type));
    return this;
  }

  public RunBuilder writes(String name, String pointer) {
    return writes(name, pointer, "data");
  }

  /** Reads a file whose content had {@code fingerprint}. */
  public RunBuilder readsVersion(String name, String pointer, String fingerprint) {
    inputs.add(file(name, pointer, fingerprint));
    return this;
  }

  /** Writes a file, leaving it with {@code fingerprint}. */
  public RunBuilder writesVersion(String name, String pointer, String fingerprint) {
    outputs.add(file(name, pointer, fingerprint));
    return this;
  }

  public static CapturedValue file(String name, String identifier, String fingerprint) {
    return new CapturedValue(
        name,
        ValueKind.POINTER,
        identifier,
        "data",
        "java.io.File",
        1234,
        null,
        new FileFacts(1_700_000_000_000L, fingerprint));
  }

  public RunBuilder input(CapturedValue v) {
    inputs.add(v);
    return this;
  }

  public RunBuilder output(CapturedValue v) {
    outputs.add(v);
    return this;
  }

  public RunBuilder failedWith(String cls, String message) {
    failed = true;
    errorClass = cls;
    errorMessage = message;
    return this;
  }

  public static CapturedValue pointer(String name, String identifier, String type) {
    return new CapturedValue(name, ValueKind.POINTER, identifier, type, "java.io.File", 1234);
  }

  public static CapturedValue longValue(String name, long v) {
    return new CapturedValue(name, ValueKind.LONG, Long.toString(v), null, "java.lang.Long", -1);
  }

  public static CapturedValue string(String name, String v) {
    return new CapturedValue(name, ValueKind.STRING, v, null, "java.lang.String", v.length());
  }

  /** Calls of the component left unrecorded before this run (sampling). */
  public RunBuilder unrecordedBefore(long calls) {
    this.unrecordedBefore = calls;
    return this;
  }

  /** The agent that made the run ({@code agent-1} unless told). */
  public RunBuilder agent(String agentId) {
    this.agentId = agentId;
    return this;
  }

  public RunEvent build() {
    return new RunEvent(
        id,
        component,
        "com.example.Pipeline#" + component + "()V",
        agentId,
        "host-1",
        4242,
        "main",
        start,
        end,
        (end - start) * 1000,
        "c0ffee" + component,
        "abc123",
        failed,
        errorClass,
        errorMessage,
        inputs,
        outputs,
        unrecordedBefore);
  }
}
