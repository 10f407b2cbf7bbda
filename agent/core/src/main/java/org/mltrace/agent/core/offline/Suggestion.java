package org.mltrace.agent.core.offline;

import java.util.List;

/**
 * One proposed component.
 *
 * @param name a component name unique within the suggestion
 * @param signature {@code CLASS#METHOD(PARAM_TYPES)}, exact
 * @param inputs parameters the agent can read at entry
 * @param outputs {@code return} and locals readable at every exit
 * @param score the rank: the sum of the evidence weights
 * @param reasons why it was chosen, for the YAML comment
 */
record Suggestion(
    String name,
    String signature,
    List<String> inputs,
    List<String> outputs,
    int score,
    List<String> reasons) {}
