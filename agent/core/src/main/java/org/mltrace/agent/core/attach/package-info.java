/**
 * The agent jar's command line: {@code java -jar mltrace-agent.jar attach|reload|detach PID}.
 * Validates the YAML here, where errors reach the person typing, then loads the agent into the
 * target JVM with Byte Buddy's attach support.
 */
package org.mltrace.agent.core.attach;
