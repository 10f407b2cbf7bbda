package org.mltrace.agent.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes events to the queue's byte layout and back.
 *
 * <p>Layout (all integers unsigned LEB128 varints unless noted, strings as varint length+1 then
 * UTF-8, 0 meaning null): {@code version:u8, kind:u8, body}. Writes version 7 (a float or double
 * may travel as its bits, formatted by the reader; since 6 code sources: the jar a woven class came
 * from, and summaries may carry a map's keys; since 5 tasks, and summaries may carry their elements
 * as texts; since 4 components carry trigger declarations and {@code stale_after}, summaries may
 * carry a sample and element hashes; since 3 runs carry {@code unrecordedBefore}, stats carry
 * health and unrecorded counts; since 2 values may carry a summary and file facts); reads versions
 * 1 to 7. Readers reject unknown versions and kinds with {@link MalformedEventException}, so the
 * collector can dead-letter them. Field order per kind is in {@code docs/event-format.md}.
 */
public final class EventCodec {
  public static final int FORMAT_VERSION = 7;

  /** The oldest version {@link #decode} still reads. */
  public static final int OLDEST_READABLE_VERSION = 1;

  private static final int HAS_SUMMARY = 1;
  private static final int HAS_FILE = 2;

  /** The value is marked {@code snapshot: true}; no bytes follow. Since format version 3. */
  private static final int SNAPSHOT = 4;

  /**
   * A {@code float} or {@code double} written as its bits in {@code size}, its {@code text} null:
   * the reader formats it (see {@link CapturedValue#number}); no bytes follow. Since format version
   * 7.
   */
  private static final int NUMBER = 8;

  /** Summary extras (version 4): a sample of doubles follows; then, bit 1, hashes. */
  private static final int HAS_SAMPLE = 1;

  private static final int HAS_HASHES = 2;

  /** Summary extras (version 5), bit 2: the sampled elements as texts follow. */
  private static final int HAS_TEXTS = 4;

  /** Summary extras (version 6), bit 3: a map's keys as texts follow. */
  private static final int HAS_KEYS = 8;

  static final int KIND_RUN = 1;
  static final int KIND_AGENT_STATS = 2;
  static final int KIND_COMPONENT = 3;
  static final int KIND_TASK = 4;
  static final int KIND_CODE_SOURCE = 5;

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
    } else if (event instanceof TaskEvent task) {
      w.writeByte(KIND_TASK);
      TaskCodec.write(w, task);
    } else if (event instanceof CodeSourceEvent source) {
      w.writeByte(KIND_CODE_SOURCE);
      writeCodeSource(w, source);
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
    if (version < OLDEST_READABLE_VERSION || version > FORMAT_VERSION) {
      throw new MalformedEventException(
          "unsupported event format version "
              + version
              + " (this build reads "
              + OLDEST_READABLE_VERSION
              + " to "
              + FORMAT_VERSION
              + ")");
    }
    int kind = r.readByte();
    Event event =
        switch (kind) {
          case KIND_RUN -> readRun(r, version);
          case KIND_AGENT_STATS -> readStats(r, version);
          case KIND_COMPONENT -> readComponent(r, version);
          case KIND_TASK -> {
            if (version < 5) {
              throw new MalformedEventException(
                  "event kind 4 (task) does not exist in format version " + version);
            }
            yield TaskCodec.read(r);
          }
          case KIND_CODE_SOURCE -> {
            if (version < 6) {
              throw new MalformedEventException(
                  "event kind 5 (code source) does not exist in format version " + version);
            }
            yield readCodeSource(r);
          }
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
    w.writeVarLong(e.unrecordedBefore());
  }

  private static RunEvent readRun(WireReader r, int version) {
    String runId = r.readString();
    String component = r.readString();
    String method = r.readString();
    String agentId = r.readString();
    String host = r.readString();
    long pid = r.readVarLong();
    String thread = r.readString();
    long start = r.readSignedVarLong();
    long end = r.readSignedVarLong();
    long duration = r.readSignedVarLong();
    String codeVersion = r.readString();
    String gitCommit = r.readString();
    boolean failed = r.readByte() != 0;
    String errorClass = r.readString();
    String errorMessage = r.readString();
    List<CapturedValue> inputs = readValues(r, version);
    List<CapturedValue> outputs = readValues(r, version);
    long unrecordedBefore = version >= 3 ? r.readVarLong() : 0;
    return new RunEvent(
        runId,
        component,
        method,
        agentId,
        host,
        pid,
        thread,
        start,
        end,
        duration,
        codeVersion,
        gitCommit,
        failed,
        errorClass,
        errorMessage,
        inputs,
        outputs,
        unrecordedBefore);
  }

  static void writeValues(WireWriter w, List<CapturedValue> values) {
    w.writeVarLong(values.size());
    for (CapturedValue v : values) {
      w.writeRepeatedString(v.name());
      w.writeByte(v.kind().ordinal());
      w.writeString(v.text());
      w.writeRepeatedString(v.pointerType());
      w.writeRepeatedString(v.className());
      w.writeSignedVarLong(v.size());
      w.writeByte(
          (v.summary() != null ? HAS_SUMMARY : 0)
              | (v.file() != null ? HAS_FILE : 0)
              | (v.snapshot() ? SNAPSHOT : 0)
              | (v.isUnformattedNumber() ? NUMBER : 0));
      if (v.summary() != null) {
        writeSummary(w, v.summary());
      }
      if (v.file() != null) {
        w.writeSignedVarLong(v.file().modifiedEpochMillis());
        w.writeString(v.file().fingerprint());
      }
    }
  }

  private static void writeSummary(WireWriter w, ValueSummary s) {
    w.writeString(s.elements());
    w.writeString(s.sampling());
    w.writeSignedVarLong(s.count());
    w.writeSignedVarLong(s.sampled());
    w.writeSignedVarLong(s.nulls());
    w.writeSignedVarLong(s.nans());
    w.writeDouble(s.min());
    w.writeDouble(s.max());
    w.writeDouble(s.mean());
    w.writeDouble(s.stddev());
    w.writeSignedVarLong(s.distinct());
    w.writeByte(
        (s.sample() != null ? HAS_SAMPLE : 0)
            | (s.hashes() != null ? HAS_HASHES : 0)
            | (s.texts() != null ? HAS_TEXTS : 0)
            | (s.keys() != null ? HAS_KEYS : 0));
    if (s.sample() != null) {
      w.writeVarLong(s.sample().length);
      for (double d : s.sample()) {
        w.writeDouble(d);
      }
    }
    if (s.hashes() != null) {
      w.writeVarLong(s.hashes().length);
      for (long h : s.hashes()) {
        w.writeFixedLong(h);
      }
    }
    if (s.texts() != null) {
      writeStrings(w, s.texts());
    }
    if (s.keys() != null) {
      writeStrings(w, s.keys());
    }
  }

  private static List<CapturedValue> readValues(WireReader r, int version) {
    int n = r.readCount("value");
    List<CapturedValue> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String name = r.readString();
      ValueKind kind = ValueKind.ofOrdinal(r.readByte());
      if (version == 1 && kind == ValueKind.REDACTED) {
        throw new MalformedEventException("value kind REDACTED does not exist in format version 1");
      }
      String text = r.readString();
      String pointerType = r.readString();
      String className = r.readString();
      long size = r.readSignedVarLong();
      ValueSummary summary = null;
      FileFacts file = null;
      int flags = 0;
      if (version >= 2) {
        flags = r.readByte();
        int known =
            HAS_SUMMARY | HAS_FILE | (version >= 3 ? SNAPSHOT : 0) | (version >= 7 ? NUMBER : 0);
        if ((flags & ~known) != 0) {
          throw new MalformedEventException(
              "unknown value flags " + flags + " at byte " + r.position());
        }
        if ((flags & HAS_SUMMARY) != 0) {
          summary = readSummary(r, version);
        }
        if ((flags & HAS_FILE) != 0) {
          file = new FileFacts(r.readSignedVarLong(), r.readString());
        }
        if ((flags & NUMBER) != 0) {
          if (kind != ValueKind.DOUBLE || text != null) {
            throw new MalformedEventException("a number flag on a " + kind + " value with text");
          }
          text = CapturedValue.formatNumber(size, className);
          size = -1;
        }
      }
      values.add(
          new CapturedValue(
              name,
              kind,
              text,
              pointerType,
              className,
              size,
              summary,
              file,
              (flags & SNAPSHOT) != 0));
    }
    return values;
  }

  private static ValueSummary readSummary(WireReader r, int version) {
    ValueSummary summary =
        new ValueSummary(
            r.readString(),
            r.readString(),
            r.readSignedVarLong(),
            r.readSignedVarLong(),
            r.readSignedVarLong(),
            r.readSignedVarLong(),
            r.readDouble(),
            r.readDouble(),
            r.readDouble(),
            r.readDouble(),
            r.readSignedVarLong());
    if (version < 4) {
      return summary;
    }
    int extras = r.readByte();
    int known =
        HAS_SAMPLE | HAS_HASHES | (version >= 5 ? HAS_TEXTS : 0) | (version >= 6 ? HAS_KEYS : 0);
    if ((extras & ~known) != 0) {
      throw new MalformedEventException(
          "unknown summary flags " + extras + " at byte " + r.position());
    }
    double[] sample = null;
    long[] hashes = null;
    if ((extras & HAS_SAMPLE) != 0) {
      sample = new double[r.readCount("sample", 8)];
      for (int i = 0; i < sample.length; i++) {
        sample[i] = r.readDouble();
      }
    }
    if ((extras & HAS_HASHES) != 0) {
      hashes = new long[r.readCount("hash", 8)];
      for (int i = 0; i < hashes.length; i++) {
        hashes[i] = r.readFixedLong();
      }
    }
    List<String> texts = (extras & HAS_TEXTS) != 0 ? readStrings(r) : null;
    List<String> keys = (extras & HAS_KEYS) != 0 ? readStrings(r) : null;
    return extras == 0
        ? summary
        : summary.withExtras(sample, hashes).withTexts(texts).withKeys(keys);
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
    writeCounts(w, e.health());
    writeCounts(w, e.unrecorded());
  }

  private static AgentStatsEvent readStats(WireReader r, int version) {
    AgentStatsEvent stats =
        new AgentStatsEvent(
            r.readString(),
            r.readString(),
            r.readVarLong(),
            r.readSignedVarLong(),
            r.readVarLong(),
            r.readVarLong(),
            r.readVarLong(),
            r.readString());
    if (version < 3) {
      return stats;
    }
    return new AgentStatsEvent(
        stats.agentId(),
        stats.host(),
        stats.pid(),
        stats.epochMicros(),
        stats.eventsWritten(),
        stats.eventsDropped(),
        stats.internalErrors(),
        stats.unmatchedMethods(),
        readCounts(r),
        readCounts(r));
  }

  private static void writeCounts(WireWriter w, List<NamedCount> counts) {
    w.writeVarLong(counts.size());
    for (NamedCount c : counts) {
      w.writeString(c.name());
      w.writeVarLong(c.count());
    }
  }

  private static List<NamedCount> readCounts(WireReader r) {
    int n = r.readCount("named count");
    List<NamedCount> counts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      counts.add(new NamedCount(r.readString(), r.readVarLong()));
    }
    return counts;
  }

  private static void writeComponent(WireWriter w, ComponentEvent e) {
    w.writeString(e.name());
    w.writeString(e.description());
    w.writeString(e.owner());
    writeStrings(w, e.tags());
    writeStrings(w, e.methods());
    w.writeString(e.staleAfter());
    w.writeVarLong(e.triggers().size());
    for (TriggerDecl t : e.triggers()) {
      w.writeString(t.phase());
      w.writeString(t.name());
      w.writeByte(t.user() ? 1 : 0);
      w.writeVarLong(t.args().size());
      t.args()
          .forEach(
              (k, v) -> {
                w.writeString(k);
                w.writeString(v);
              });
      w.writeByte(t.alert() == null ? 0 : t.alert() ? 2 : 1);
      w.writeString(t.source());
    }
  }

  private static ComponentEvent readComponent(WireReader r, int version) {
    String name = r.readString();
    String description = r.readString();
    String owner = r.readString();
    List<String> tags = readStrings(r);
    List<String> methods = readStrings(r);
    if (version < 4) {
      return new ComponentEvent(name, description, owner, tags, methods);
    }
    String staleAfter = r.readString();
    int n = r.readCount("trigger");
    List<TriggerDecl> triggers = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String phase = r.readString();
      String trigger = r.readString();
      boolean user = r.readByte() != 0;
      int argCount = r.readCount("argument");
      Map<String, String> args = new TreeMap<>();
      for (int a = 0; a < argCount; a++) {
        String key = r.readString();
        String value = r.readString();
        if (key == null || value == null) {
          throw new MalformedEventException(
              "a trigger argument with a null name or value before byte " + r.position());
        }
        args.put(key, value);
      }
      int alert = r.readByte();
      if (alert > 2) {
        throw new MalformedEventException(
            "unknown alert flag " + alert + " at byte " + r.position());
      }
      if (phase == null || trigger == null) {
        throw new MalformedEventException(
            "a trigger declaration without phase or name before byte " + r.position());
      }
      triggers.add(
          new TriggerDecl(
              phase, trigger, user, args, alert == 0 ? null : alert == 2, r.readString()));
    }
    return new ComponentEvent(name, description, owner, tags, methods, triggers, staleAfter);
  }

  private static void writeCodeSource(WireWriter w, CodeSourceEvent e) {
    w.writeString(e.agentId());
    w.writeString(e.component());
    w.writeString(e.className());
    w.writeString(e.codeVersion());
    w.writeString(e.location());
    w.writeString(e.sha256());
    w.writeString(e.maven());
  }

  private static CodeSourceEvent readCodeSource(WireReader r) {
    CodeSourceEvent e =
        new CodeSourceEvent(
            r.readString(),
            r.readString(),
            r.readString(),
            r.readString(),
            r.readString(),
            r.readString(),
            r.readString());
    if (e.agentId() == null || e.component() == null || e.className() == null) {
      throw new MalformedEventException(
          "a code source without agent, component or class before byte " + r.position());
    }
    return e;
  }

  static void writeStrings(WireWriter w, List<String> strings) {
    w.writeVarLong(strings.size());
    for (String s : strings) {
      w.writeString(s);
    }
  }

  static List<String> readStrings(WireReader r) {
    int n = r.readCount("string");
    List<String> strings = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      strings.add(r.readString());
    }
    return strings;
  }
}
