package org.mltrace.collector.query;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mltrace.collector.store.ComponentRow;
import org.mltrace.collector.store.RunRepository;
import org.mltrace.collector.store.RunRow;
import org.mltrace.collector.store.ValueRow;

/** Turns the store's rows into the views queries return. */
final class ViewMapper {
  private final RunRepository repository;

  ViewMapper(RunRepository repository) {
    this.repository = repository;
  }

  RunView run(RunRow r) {
    return runs(List.of(r)).get(0);
  }

  /** The views of {@code rows}, in their order, reading all their inputs and outputs at once. */
  List<RunView> runs(List<RunRow> rows) {
    List<String> ids = rows.stream().map(RunRow::id).toList();
    RunRepository.RunValues values = repository.values(ids);
    Map<String, List<ValueRow>> inputs = values.inputs();
    Map<String, List<ValueRow>> outputs = values.outputs();
    return rows.stream()
        .map(
            r ->
                new RunView(
                    r,
                    values(inputs.getOrDefault(r.id(), List.of())),
                    values(outputs.getOrDefault(r.id(), List.of()))))
        .toList();
  }

  static List<ValueView> values(List<ValueRow> rows) {
    return rows.stream().map(ViewMapper::value).toList();
  }

  static ValueView value(ValueRow v) {
    String kind = v.valueKind().toLowerCase(Locale.ROOT);
    String type = kind;
    if (v.valueType() != null) {
      type = v.valueType();
    } else if ("pointer".equals(kind)) {
      type = v.pointerType() == null ? "pointer" : v.pointerType();
    }
    return new ValueView(
        v.name(),
        kind,
        type,
        v.valueText(),
        v.className(),
        v.size(),
        v.modifiedAt(),
        v.fingerprint(),
        v.summary());
  }

  static ComponentView component(ComponentRow c) {
    return new ComponentView(
        c.name(),
        c.description(),
        c.owner(),
        split(c.tags(), ","),
        split(c.methods(), "\n"),
        c.firstSeen(),
        c.lastSeen());
  }

  private static List<String> split(String joined, String separator) {
    if (joined == null || joined.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(joined.split(separator, -1)).map(String::strip).toList();
  }
}
