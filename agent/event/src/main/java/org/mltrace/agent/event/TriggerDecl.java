package org.mltrace.agent.event;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of a component's {@code before_run:} or {@code after_run:} list, as declared in the
 * YAML and carried by {@link ComponentEvent}. Since format version 4.
 *
 * @param phase {@code before_run} or {@code after_run}
 * @param name the built-in trigger's name ({@link TriggerCatalog}) or the user trigger's name
 * @param user true for {@code user: NAME} (found by the collector's plugins), false for {@code
 *     trigger: NAME}
 * @param args the arguments flattened to strings: nested mappings as dotted keys ({@code
 *     reference.component}), lists joined with commas; sorted by key
 * @param alert the declaration's {@code alert:}, or null for the trigger's default
 * @param source where it was declared, {@code file.yaml:LINE}, for messages; may be null
 */
public record TriggerDecl(
    String phase,
    String name,
    boolean user,
    Map<String, String> args,
    Boolean alert,
    String source) {
  public static final String BEFORE_RUN = "before_run";
  public static final String AFTER_RUN = "after_run";

  public TriggerDecl {
    args = Collections.unmodifiableMap(new TreeMap<>(args));
  }
}
