package org.mltrace.collector.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mltrace.collector.store.TriggerDeclaration;

/**
 * The triggers every component gets without declaring them: {@code retracted_input} once any label
 * is retracted (a deletion request must be enforced on every run derived from the data, not only
 * where someone thought to declare it). Added after the component's own {@code after_run}
 * declarations, with the trigger's default alerting; a component that declares it keeps its own.
 */
final class DefaultTriggers {
  static final String RETRACTED_INPUT = "retracted_input";

  /** What {@code inspect} and error messages give as where it was declared. */
  static final String SOURCE = "default once a label is retracted";

  private DefaultTriggers() {}

  static Map<String, List<TriggerDeclaration>> add(
      Map<String, List<TriggerDeclaration>> declared,
      Collection<String> components,
      boolean anyRetraction) {
    if (!anyRetraction) {
      return declared;
    }
    Map<String, List<TriggerDeclaration>> all = new TreeMap<>(declared);
    for (String component : components) {
      List<TriggerDeclaration> own = declared.getOrDefault(component, List.of());
      if (own.stream().anyMatch(d -> !d.user() && d.triggerName().equals(RETRACTED_INPUT))) {
        continue;
      }
      int position = (int) own.stream().filter(d -> d.phase().equals("after_run")).count();
      List<TriggerDeclaration> with = new ArrayList<>(own);
      with.add(
          new TriggerDeclaration(
              component, "after_run", position, RETRACTED_INPUT, false, Map.of(), null, SOURCE));
      all.put(component, List.copyOf(with));
    }
    return all;
  }
}
