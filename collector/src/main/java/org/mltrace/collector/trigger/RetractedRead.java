package org.mltrace.collector.trigger;

import java.time.Instant;

/**
 * A pointer that a run, or a run it derives from, read, and that carries a retracted label: data a
 * deletion request covers ({@code mltrace label retract}).
 *
 * @param label the retracted label
 * @param pointer the pointer that carries it directly
 * @param retractedAt when the retraction was recorded
 */
public record RetractedRead(String label, String pointer, Instant retractedAt) {}
