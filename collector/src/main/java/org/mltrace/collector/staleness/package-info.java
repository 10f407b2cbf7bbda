/**
 * Staleness: whether a run was computed from data that should not have been trusted when it ran
 * (too old, superseded by a fresher output, or failing one of its producer's triggers). {@link
 * StalenessService} gives a run's reasons; the rules are in {@code docs/alerts.md}.
 */
package org.mltrace.collector.staleness;
