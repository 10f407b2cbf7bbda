package org.mltrace.collector.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mltrace.collector.staleness.StaleReason;
import org.mltrace.collector.staleness.StaleRun;
import org.mltrace.collector.staleness.StalenessService;
import org.mltrace.collector.store.JdbcAnnotationStore;
import org.mltrace.collector.store.JdbcCatalogStore;
import org.mltrace.collector.store.RunRow;
import org.mltrace.collector.store.StalenessFacts.Checked;

/** {@code recent}, {@code components} and {@code tags}: overviews across components. */
public final class CatalogQuery {
  private final JdbcCatalogStore catalog;
  private final JdbcAnnotationStore annotations;
  private final StalenessService staleness;

  public CatalogQuery(QueryService queries) {
    this.catalog = new JdbcCatalogStore(queries.database());
    this.annotations = new JdbcAnnotationStore(queries.database());
    this.staleness = new StalenessService(queries.database());
  }

  /**
   * The latest runs of all components, newest start first.
   *
   * @throws InvalidRequestException if {@code limit} is below 1
   */
  public List<RunRow> recent(int limit) {
    if (limit < 1) {
      throw new InvalidRequestException("--limit must be at least 1, got " + limit);
    }
    return catalog.recentRuns(limit);
  }

  /** The components, by name, restricted to an owner and a tag when those are not null. */
  public List<ComponentSummary> components(String owner, String tag) {
    Map<String, TreeSet<String>> tags = annotations.allTags();
    Instant now = Instant.now();
    List<JdbcCatalogStore.ComponentStats> listed = new ArrayList<>();
    for (JdbcCatalogStore.ComponentStats c : catalog.components()) {
      List<String> own = List.copyOf(tags.getOrDefault(c.name(), new TreeSet<>()));
      if ((owner == null || owner.equals(c.owner())) && (tag == null || own.contains(tag))) {
        listed.add(c);
      }
    }
    Map<String, List<StaleReason>> stale = new HashMap<>();
    for (StaleRun s : staleLatest(listed, now)) {
      stale.put(s.component(), s.reasons());
    }
    List<ComponentSummary> out = new ArrayList<>();
    for (JdbcCatalogStore.ComponentStats c : listed) {
      List<String> own = List.copyOf(tags.getOrDefault(c.name(), new TreeSet<>()));
      out.add(
          new ComponentSummary(
              c.name(),
              c.owner(),
              own,
              c.runs(),
              c.lastRunId(),
              c.lastStart(),
              c.lastStatus(),
              stale.getOrDefault(c.name(), List.of())));
    }
    return out;
  }

  /**
   * The stale latest runs of the listed components. The catalog found each one's latest run
   * already, so staleness reads only what those runs need (a second look-up of each component's
   * latest run doubled the statements of {@code components}); a run dated after {@code now} (a
   * skewed clock) is not the latest by {@code now}, and then staleness looks them up itself.
   */
  private List<StaleRun> staleLatest(List<JdbcCatalogStore.ComponentStats> listed, Instant now) {
    List<Checked> latest = new ArrayList<>();
    for (JdbcCatalogStore.ComponentStats c : listed) {
      if (c.lastRunId() == null || c.lastStart() == null) {
        continue;
      }
      if (c.lastStart().isAfter(now)) {
        Set<String> names = new HashSet<>();
        listed.forEach(l -> names.add(l.name()));
        return staleness.staleLatestRuns(now).stream()
            .filter(s -> names.contains(s.component()))
            .toList();
      }
      latest.add(new Checked(c.lastRunId(), c.name(), c.lastStart()));
    }
    return staleness.staleAmong(latest, now);
  }

  /** Every tag in use, by name. */
  public List<TagUse> tags() {
    Map<String, TreeSet<String>> byTag = new TreeMap<>();
    annotations
        .allTags()
        .forEach(
            (component, tags) ->
                tags.forEach(t -> byTag.computeIfAbsent(t, k -> new TreeSet<>()).add(component)));
    List<TagUse> out = new ArrayList<>();
    byTag.forEach((tag, components) -> out.add(new TagUse(tag, List.copyOf(components))));
    return out;
  }

  /** The component's tags, declared and added. */
  TreeSet<String> tagsOf(String component) {
    return annotations.allTags().getOrDefault(component, new TreeSet<>());
  }
}
