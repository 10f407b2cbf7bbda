package org.mltrace.collector.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mltrace.collector.store.MetricSample;

/**
 * Builds Prometheus snapshots from {@link MetricSample}s. A series whose labels repeat an earlier
 * one's is dropped (the first wins), as the exposition format forbids duplicates.
 */
final class Snapshots {
  private Snapshots() {}

  static MetricSnapshot gauge(
      String name, String help, List<String> labels, List<MetricSample> samples) {
    GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
    Set<List<String>> seen = new HashSet<>();
    for (MetricSample s : samples) {
      if (seen.add(s.labelValues())) {
        b.dataPoint(
            GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(Labels.of(labels, s.labelValues()))
                .value(s.value())
                .build());
      }
    }
    return b.build();
  }

  /** {@code name} without {@code _total}; the text format appends it. */
  static MetricSnapshot counter(
      String name, String help, List<String> labels, List<MetricSample> samples) {
    CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
    Set<List<String>> seen = new HashSet<>();
    for (MetricSample s : samples) {
      if (seen.add(s.labelValues())) {
        b.dataPoint(
            CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(Labels.of(labels, s.labelValues()))
                .value(s.value())
                .build());
      }
    }
    return b.build();
  }
}
