package org.mltrace.agent.event;

import java.util.ArrayList;
import java.util.List;

/** The body of a task event (kind 4, format version 5); see docs/event-format.md. */
final class TaskCodec {
  private TaskCodec() {}

  static void write(WireWriter w, TaskEvent t) {
    w.writeString(t.name());
    w.writeString(t.kind());
    w.writeDouble(t.threshold());
    w.writeString(t.predictionComponent());
    w.writeString(t.predictionId());
    w.writeString(t.predictionValue());
    w.writeString(t.feedbackComponent());
    w.writeString(t.feedbackId());
    w.writeString(t.feedbackLabel());
    w.writeVarLong(t.windowSeconds());
    w.writeVarLong(t.windowLast());
    w.writeVarLong(t.maxPairs());
    w.writeVarLong(t.slas().size());
    for (TaskEvent.Sla s : t.slas()) {
      w.writeString(s.metric());
      w.writeString(s.op());
      w.writeDouble(s.value());
      w.writeByte(s.alert() ? 1 : 0);
      w.writeString(s.source());
    }
    w.writeString(t.source());
  }

  static TaskEvent read(WireReader r) {
    String name = r.readString();
    String kind = r.readString();
    double threshold = r.readDouble();
    String predictionComponent = r.readString();
    String predictionId = r.readString();
    String predictionValue = r.readString();
    String feedbackComponent = r.readString();
    String feedbackId = r.readString();
    String feedbackLabel = r.readString();
    long windowSeconds = r.readVarLong();
    long windowLast = r.readVarLong();
    long maxPairs = r.readVarLong();
    int n = r.readCount("sla");
    List<TaskEvent.Sla> slas = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String metric = r.readString();
      String op = r.readString();
      double value = r.readDouble();
      int alert = r.readByte();
      String source = r.readString();
      if (metric == null || op == null || alert > 1) {
        throw new MalformedEventException(
            "a task SLA without metric or operator before byte " + r.position());
      }
      slas.add(new TaskEvent.Sla(metric, op, value, alert == 1, source));
    }
    String source = r.readString();
    if (name == null
        || kind == null
        || predictionComponent == null
        || predictionId == null
        || predictionValue == null) {
      throw new MalformedEventException(
          "a task without name, kind or prediction before byte " + r.position());
    }
    return new TaskEvent(
        name,
        kind,
        threshold,
        predictionComponent,
        predictionId,
        predictionValue,
        feedbackComponent,
        feedbackId,
        feedbackLabel,
        windowSeconds,
        windowLast,
        maxPairs,
        slas,
        source);
  }
}
