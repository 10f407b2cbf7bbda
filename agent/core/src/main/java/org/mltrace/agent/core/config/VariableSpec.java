package org.mltrace.agent.core.config;

import org.mltrace.agent.core.capture.CaptureOptions;

/**
 * One input or output from the YAML, a plain name or a mapping with options.
 *
 * @param name parameter or local name, {@code this}, {@code return} or {@code argN}
 * @param options how to record it, global defaults ({@code max_string_length}, {@code sample_cap},
 *     {@code redact:} patterns) already applied
 * @param line the YAML line of the variable
 */
public record VariableSpec(String name, CaptureOptions options, int line) {}
