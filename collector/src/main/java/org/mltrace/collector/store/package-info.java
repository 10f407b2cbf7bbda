/**
 * The database: opening it from a JDBC URL ({@link org.mltrace.collector.store.Database}), numbered
 * Flyway migrations ({@link org.mltrace.collector.store.SchemaMigrator}), the write side used by
 * ingest ({@link org.mltrace.collector.store.IngestStore}), the read side used by queries ({@link
 * org.mltrace.collector.store.RunRepository}) and read-only ad-hoc SQL ({@link
 * org.mltrace.collector.store.ReadOnlySql}).
 *
 * <p>One JDBC implementation serves H2 2.x and PostgreSQL 15: the SQL sticks to what both accept
 * unchanged (no MERGE, no ON CONFLICT; upserts are update-then-insert inside the caller's
 * transaction). Every method throws {@link org.mltrace.collector.store.StoreException} with a
 * one-line message when the database fails.
 */
package org.mltrace.collector.store;
