package org.mltrace.agent.event;

import java.util.List;

/**
 * A component's declaration from the YAML, appended once per agent start (before any of its
 * runs), so the collector learns owner, description and tags without reading the YAML itself.
 *
 * @param name the component's primary key
 * @param description free text, or null
 * @param owner the owning person or team, or null
 * @param tags the tags, possibly empty
 * @param methods the signatures as written in the YAML
 */
public record ComponentEvent(
    String name, String description, String owner, List<String> tags, List<String> methods)
    implements Event {

  public ComponentEvent {
    tags = List.copyOf(tags);
    methods = List.copyOf(methods);
  }
}
