/**
 * How runs are linked: a run depends on the run that last wrote, before it started, a file, URI or
 * in-memory object that it read ({@link org.mltrace.collector.lineage.DependencyResolver}), and a
 * trace walks those links upstream ({@link org.mltrace.collector.lineage.UpstreamWalker}).
 *
 * <p>Pure logic: the database is reached only through the small ports declared here ({@link
 * org.mltrace.collector.lineage.LineageIndex}, {@link
 * org.mltrace.collector.lineage.UpstreamWalker.UpstreamSource}), so the rules are unit-tested on
 * hand-built events without a database.
 */
package org.mltrace.collector.lineage;
