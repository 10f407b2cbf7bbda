/**
 * Triggers: the tests, drift metrics and SLA checks declared in a component's {@code before_run:}
 * and {@code after_run:} lists, which the collector evaluates on stored runs.
 *
 * <p>This package is the contract between the collector's trigger engine, the built-in library
 * ({@code trigger.builtin}) and users' own triggers, which implement {@link Trigger} in a jar on
 * the collector's {@code --plugins} path and are found with {@link java.util.ServiceLoader}.
 */
package org.mltrace.collector.trigger;
