/**
 * Artifact snapshots: the collector copies the files of variables marked {@code snapshot: true}
 * into a content-addressed store ({@link org.mltrace.collector.artifact.ArtifactStore}) after their
 * runs are committed ({@link org.mltrace.collector.artifact.SnapshotCopier}), and {@code mltrace
 * artifact} lists and restores them.
 */
package org.mltrace.collector.artifact;
