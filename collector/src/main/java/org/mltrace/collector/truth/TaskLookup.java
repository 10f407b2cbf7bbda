package org.mltrace.collector.truth;

import java.util.Map;
import org.mltrace.collector.evaluation.Nearest;
import org.mltrace.collector.store.TaskDefinition;

/** A task by name, or the only one; otherwise an error that lists the known ones. */
final class TaskLookup {
  private TaskLookup() {}

  static TaskDefinition find(Map<String, TaskDefinition> tasks, String name) {
    if (tasks.isEmpty()) {
      throw TaskException.notFound(
          "no task is declared yet; a YAML 'tasks:' entry reaches the database with the"
              + " agent's first events (run the pipeline with the agent, then collect)");
    }
    if (name == null) {
      if (tasks.size() == 1) {
        return tasks.values().iterator().next();
      }
      throw TaskException.usage(
          "several tasks are declared; name one with --task: " + tasks.keySet());
    }
    TaskDefinition t = tasks.get(name);
    if (t == null) {
      throw TaskException.notFound(
          "unknown task '"
              + name
              + "'"
              + nearest(name, tasks)
              + "; known tasks: "
              + tasks.keySet());
    }
    return t;
  }

  private static String nearest(String name, Map<String, TaskDefinition> tasks) {
    String near = Nearest.of(name, tasks.keySet());
    return near == null ? "" : " (did you mean '" + near + "'?)";
  }
}
