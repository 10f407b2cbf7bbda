package org.mltrace.agent.event;

import java.util.ArrayList;
import java.util.List;

/**
 * Encodes events to the queue's byte layout and back.
 *
 * <p>Layout (all integers unsigned LEB128 varints unless noted, strings as varint length+1 then
 * UTF-8, 0 meaning null): {@code version:u8, kind:u8, body}. Version 1 is the only one so far.
 * Readers reject unknown versions and kinds with {@link MalformedEventException}, so the
 * collector can dead-letter them. Field order per kind is in {@code docs/event-format.md}.
 */
public final class EventCodec {
  public static final int FORMAT_VERSION = 1;
  static final int KIND_RUN = 1;
  static final int KIND_AGENT_STATS = 2;
  static final int KIND_COMPONENT = 3;

  private EventCodec() {}

  public static byte[] encode(Event event) {
    WireWriter w = new WireWriter(256);
    w.writeByte(FORMAT_VERSION);
    if (event instanceof RunEvent run) {
      w.writeByte(KIND_RUN);
      writeRun(w, run);
    } else if (event instanceof AgentStatsEvent stats) {
      w.writeByte(KIND_AGENT_STATS);
      writeStats(w, stats);
    } else if (event instanceof ComponentEvent component) {
      w.writeByte(KIND_COMPONENT);
      writeComponent(w, component);
    }
    return w.toByteArray();
  }

  /**
   * Decodes one entry.
   *
   * @throws MalformedEventException if the entry is truncated, has trailing bytes, or has an
   *     unknown version or kind
   */
  public static Event decode(byte[] bytes) {
    WireReader r = new WireReader(bytes);
    int version = r.readByte();
    if (version != FORMAT_VERSION) {
      throw new MalformedEventException(
          "unsupported event format version " + version + " (this build reads " + FORMAT_VERSION + ")");
    }
    int kind = r.readByte();
    Event event =
        switch (kind) {
          case KIND_RUN -> readRun(r);
          case KIND_AGENT_STATS -> readStats(r);
          case KIND_COMPONENT -> readComponent(r);
          default -> throw new MalformedEventException("unknown event kind " + kind);
        };
    if (r.remaining() != 0) {
      throw new MalformedEventException(r.remaining() + " unexpected trailing bytes");
    }
    return event;
  }

  private static void writeRun(WireWriter w, RunEvent e) {
    w.writeString(e.runId());
    w.writeString(e.component());
    w.writeString(e.method());
    w.writeString(e.agentId());
    w.writeString(e.host());
    w.writeVarLong(e.pid());
    w.writeString(e.thread());
    w.writeSignedVarLong(e.startEpochMicros());
    w.writeSignedVarLong(e.endEpochMicros());
    w.writeSignedVarLong(e.durationNanos());
    w.writeString(e.codeVersion());
    w.writeString(e.gitCommit());
    w.writeByte(e.failed() ? 1 : 0);
    w.writeString(e.errorClass());
    w.writeString(e.errorMessage());
    writeValues(w, e.inputs());
    writeValues(w, e.outputs());
  }

  private static RunEvent readRun(WireReader r) {
    return new RunEvent(
        r.readString(),
        r.readString(),
        r.readString(),
        r.readString(),
        r.readString(),
        r.readVarLong(),
        r.readString(),
        r.readSignedVarLong(),
        r.readSignedVarLong(),
        r.readSignedVarLong(),
        r.readString(),
        r.readString(),
        r.readByte() != 0,
        r.readString(),
        r.readString(),
        readValues(r),
        readValues(r));
  }

  private static void writeValues(WireWriter w, List<CapturedValue> values) {
    w.writeVarLong(values.size());
    for (CapturedValue v : values) {
      w.writeString(v.name());
      w.writeByte(v.kind().ordinal());
      w.writeString(v.text());
      w.writeString(v.pointerType());
      w.writeString(v.className());
      w.writeSignedVarLong(v.size());
    }
  }

  private static List<CapturedValue> readValues(WireReader r) {
    int n = r.readCount("value");
    List<CapturedValue> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      values.add(
          new CapturedValue(
              r.readString(),
              ValueKind.ofOrdinal(r.readByte()),
              r.readString(),
              r.readString(),
              r.readString(),
              r.readSignedVarLong()));
    }
    return values;
  }

  private static void writeStats(WireWriter w, AgentStatsEvent e) {
    w.writeString(e.agentId());
    w.writeString(e.host());
    w.writeVarLong(e.pid());
    w.writeSignedVarLong(e.epochMicros());
    w.writeVarLong(e.eventsWritten());
    w.writeVarLong(e.eventsDropped());
    w.writeVarLong(e.internalErrors());
    w.writeString(e.unmatchedMethods());
  }

  private static AgentStatsEvent readStats(WireReader r) {
    return new AgentStatsEvent(
        r.readString(),
        r.readString(),
        r.readVarLong(),
        r.readSignedVarLong(),
        r.readVarLong(),
        r.readVarLong(),
        r.readVarLong(),
        r.readString());
  }

  private static void writeComponent(WireWriter w, ComponentEvent e) {
    w.writeString(e.name());
    w.writeString(e.description());
    w.writeString(e.owner());
    writeStrings(w, e.tags());
    writeStrings(w, e.methods());
  }

  private static ComponentEvent readComponent(WireReader r) {
    return new ComponentEvent(r.readString(), r.readString(), r.readString(), readStrings(r), readStrings(r));
  }

  private static void writeStrings(WireWriter w, List<String> strings) {
    w.writeVarLong(strings.size());
    for (String s : strings) {
      w.writeString(s);
    }
  }

  private static List<String> readStrings(WireReader r) {
    int n = r.readCount("string");
    List<String> strings = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      strings.add(r.readString());
    }
    return strings;
  }
}
