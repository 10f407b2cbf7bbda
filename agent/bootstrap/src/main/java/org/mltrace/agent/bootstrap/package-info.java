/**
 * The only agent classes the application's class loaders can see.
 *
 * <p>{@link org.mltrace.agent.bootstrap.AgentMain} runs at premain and starts the agent's internals
 * in an {@link org.mltrace.agent.bootstrap.InternalJars isolated loader} whose parent is the
 * platform loader: the application never sees ASM, SnakeYAML or Chronicle from the agent, and the
 * agent never sees the application's copies. {@link org.mltrace.agent.bootstrap.CaptureBridge} and
 * {@link org.mltrace.agent.bootstrap.CaptureHooks} are defined by the core directly in the
 * bootstrap loader, so woven code in any class loader can call them. Everything here is JDK-only
 * and small on purpose. See {@code docs/agent-classloading.md}.
 */
package org.mltrace.agent.bootstrap;
