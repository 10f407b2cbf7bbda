package org.mltrace.collector.store;

import java.time.Instant;
import org.mltrace.agent.event.ValueSummary;

/**
 * One row of {@code run_inputs} or {@code run_outputs}, with the pointer's type joined from {@code
 * io_pointers}.
 *
 * @param valueKind the agent's {@code ValueKind} name, e.g. {@code POINTER}
 * @param pointerType {@code data}, {@code model} or {@code endpoint} for pointers, else null
 * @param size null when unknown
 * @param valueType the YAML's {@code type:} for this variable, or the agent's guess for a pointer;
 *     null when neither
 * @param modifiedAt for files: the modification time when read or written, else null
 * @param fingerprint for files: the content fingerprint, else null
 * @param summary for arrays, collections and maps: the agent's summary, else null
 */
public record ValueRow(
    int position,
    String name,
    String valueKind,
    String valueText,
    String pointerId,
    String pointerType,
    String className,
    Long size,
    String valueType,
    Instant modifiedAt,
    String fingerprint,
    ValueSummary summary) {}
