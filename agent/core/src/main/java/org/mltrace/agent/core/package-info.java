/**
 * The agent's internals, loaded in their own class loader: {@link
 * org.mltrace.agent.core.AgentInstaller} wires config, matching, weaving, capture and the queue
 * writer together at premain.
 */
package org.mltrace.agent.core;
