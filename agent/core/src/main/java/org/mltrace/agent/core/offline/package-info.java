/**
 * {@code check} and {@code suggest}: the agent's matching and planning run over class files read
 * with ASM from a class path, never loading or initializing the application's classes, so both are
 * safe on any jar.
 */
package org.mltrace.agent.core.offline;
