/**
 * The read API behind the CLI (and later the web UI): {@link
 * org.mltrace.collector.query.QueryService} answers trace, inspect, history and ad-hoc SQL requests
 * with plain records, and {@link org.mltrace.collector.query.JsonRenderer} turns them into the
 * documented JSON. Callers never see the store's types.
 *
 * <p>Unknown ids fail with {@link org.mltrace.collector.query.NotFoundException}, invalid requests
 * with {@link org.mltrace.collector.query.InvalidRequestException} or the store's {@code
 * QueryRefusedException}, database trouble with the store's {@code StoreException}; all are {@link
 * org.mltrace.collector.MltraceException}s with a one-line message.
 */
package org.mltrace.collector.query;
