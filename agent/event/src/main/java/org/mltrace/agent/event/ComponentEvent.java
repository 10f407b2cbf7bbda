package org.mltrace.agent.event;

import java.util.List;

/**
 * A component's declaration from the YAML, appended once per agent start (before any of its runs),
 * so the collector learns owner, description and tags without reading the YAML itself.
 *
 * @param name the component's primary key
 * @param description free text, or null
 * @param owner the owning person or team, or null
 * @param tags the tags, possibly empty
 * @param methods the signatures as written in the YAML
 * @param triggers the {@code before_run:} then {@code after_run:} declarations, each list in YAML
 *     order; empty before format version 4
 * @param staleAfter the YAML's {@code stale_after:} as written ({@code 30d}, {@code 12h}), or null
 *     for the default; null before format version 4
 */
public record ComponentEvent(
    String name,
    String description,
    String owner,
    List<String> tags,
    List<String> methods,
    List<TriggerDecl> triggers,
    String staleAfter)
    implements Event {

  public ComponentEvent {
    tags = List.copyOf(tags);
    methods = List.copyOf(methods);
    triggers = List.copyOf(triggers);
  }

  /** Without triggers and with the default staleness. */
  public ComponentEvent(
      String name, String description, String owner, List<String> tags, List<String> methods) {
    this(name, description, owner, tags, methods, List.of(), null);
  }
}
