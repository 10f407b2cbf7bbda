/**
 * Value-encoder plugins: jars named in the YAML's {@code plugins:} that describe objects the agent
 * does not know (see {@link org.mltrace.agent.spi.ValueEncoderPlugin} and
 * docs/agent-classloading.md for the class loaders involved).
 */
package org.mltrace.agent.core.plugins;
