/**
 * Turns live values into bounded, O(1) records and assembles component runs.
 *
 * <p>Runs on the application's threads, so every step here is constant-time per value, never calls
 * the application's own methods (no {@code toString}, {@code equals} or {@code hashCode}), and
 * never throws.
 */
package org.mltrace.agent.core.capture;
