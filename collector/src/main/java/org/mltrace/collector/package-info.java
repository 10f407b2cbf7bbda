/**
 * The mltrace collector: drains the agent's queue into a database ({@code ingest}, {@code store}),
 * links runs through the files and objects they share ({@code lineage}) and answers lineage
 * questions ({@code query}, {@code cli}).
 *
 * <p>Dependencies point one way: {@code cli} → {@code query}/{@code ingest} → {@code store} →
 * {@code lineage}. {@link org.mltrace.collector.MltraceException} is the one type every layer
 * shares: the base of the failures a user can act on.
 */
package org.mltrace.collector;
