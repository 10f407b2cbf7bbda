/**
 * The built-in trigger library: data-quality checks ({@code not_null}, {@code range}, {@code
 * schema}, {@code outliers}, {@code row_count_change}), drift against a reference ({@code psi},
 * {@code kl_divergence}, {@code ks}, {@code mean_shift}), training checks ({@code
 * train_test_leakage}, {@code overfitting}) and the SLA check {@code metric_threshold}.
 *
 * <p>{@link org.mltrace.collector.trigger.builtin.BuiltinTriggers#all()} lists one instance of each
 * for the engine to register. Every trigger reports its statistic as the result's value, the bound
 * it was compared with as the threshold, and one line saying why. When the run lacks what a trigger
 * needs (the variable, its summary, the sample the agent should have captured, a reference run) the
 * result is an error naming what is missing, never a pass. docs/triggers.md documents each one with
 * its formula.
 */
package org.mltrace.collector.trigger.builtin;
