package org.mltrace.agent.core.weaving;

import java.util.List;
import org.mltrace.agent.core.capture.PlannedVariable;

/**
 * What to read at entry and at each exit of one method, and how the hooks map it back to names.
 *
 * @param entry sources read at entry, in array order
 * @param exit sources read at every exit, in array order
 * @param variables the YAML variables and where each lands
 * @param problems names that could not be resolved, for the user
 * @param variableProblems the same problems by variable, parallel to {@code variables}
 */
record CapturePlan(
    List<VariableSource> entry,
    List<VariableSource> exit,
    List<PlannedVariable> variables,
    List<String> problems,
    List<List<String>> variableProblems) {

  boolean needsReturnValue() {
    return exit.stream().anyMatch(s -> s instanceof VariableSource.Return);
  }
}
