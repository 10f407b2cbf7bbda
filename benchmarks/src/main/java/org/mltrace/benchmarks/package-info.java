/**
 * JMH benchmarks of the agent. Each traced method has an untraced twin with the same body, and both
 * run in the same JVM (the one started with the agent), so the reported ratio is the agent's cost
 * and nothing else.
 */
package org.mltrace.benchmarks;
