package org.mltrace.collector.store;

/**
 * One row of {@code run_inputs} or {@code run_outputs}, with the pointer's type joined from {@code
 * io_pointers}.
 *
 * @param valueKind the agent's {@code ValueKind} name, e.g. {@code POINTER}
 * @param pointerType {@code data}, {@code model} or {@code endpoint} for pointers, else null
 * @param size null when unknown
 */
public record ValueRow(
    int position,
    String name,
    String valueKind,
    String valueText,
    String pointerId,
    String pointerType,
    String className,
    Long size) {}
