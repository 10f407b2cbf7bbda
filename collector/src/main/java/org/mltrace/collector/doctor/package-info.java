/**
 * {@code mltrace doctor}: looks at the database, the queues, the trigger backlog, dead letters and
 * disk space without changing any of them, and says for each problem what to do.
 */
package org.mltrace.collector.doctor;
