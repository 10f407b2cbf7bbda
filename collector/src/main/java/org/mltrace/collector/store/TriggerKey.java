package org.mltrace.collector.store;

/**
 * One trigger declaration, as alerts follow it: a component's trigger at a position in its {@code
 * before_run:} or {@code after_run:} list. A declaration moved to another position is another key.
 */
public record TriggerKey(String component, String phase, int position, String triggerName) {

  @Override
  public String toString() {
    return component + "/" + triggerName + " (" + phase + " #" + position + ")";
  }
}
