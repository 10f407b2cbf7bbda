/**
 * The public plugin interface of the mltrace agent: teach the agent to describe objects it does not
 * know (a team's {@code DataFrame}, a feature store handle) so that runs record their schema and
 * the files or tables they came from.
 *
 * <p>A plugin jar compiles against this package only (Maven: {@code org.mltrace:mltrace-agent-spi},
 * scope {@code provided}), names its implementation in {@code
 * META-INF/services/org.mltrace.agent.spi.ValueEncoderPlugin}, and is listed in the YAML's {@code
 * plugins:}. See docs/plugins.md.
 */
package org.mltrace.agent.spi;
