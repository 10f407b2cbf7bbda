package org.mltrace.collector.query;

import java.time.Instant;
import org.mltrace.agent.event.ValueSummary;

/**
 * One input or output of a run.
 *
 * @param name the variable name from the YAML
 * @param kind the value kind in lower case: absent, null, boolean, long, double, string, pointer,
 *     error, redacted
 * @param type the YAML's {@code type:} when given (data, model, endpoint, metric); else the pointer
 *     type (data, model, endpoint) for pointers, else {@code kind}
 * @param value the value's text or the pointer identifier; null for absent and null values
 * @param className the runtime class, or null when unknown
 * @param size string length, element count or file size; null when unknown
 * @param modifiedAt for files, their modification time when read or written; else null
 * @param fingerprint for files, their content fingerprint; else null
 * @param summary for arrays, collections and maps, the agent's summary; else null
 */
public record ValueView(
    String name,
    String kind,
    String type,
    String value,
    String className,
    Long size,
    Instant modifiedAt,
    String fingerprint,
    ValueSummary summary) {}
