/**
 * ASM rewriting of the configured methods: one static call at entry, one before each return,
 * one in a catch-all handler that rethrows. See {@link org.mltrace.agent.core.weaving.CaptureMethodWeaver}
 * for the design note.
 */
package org.mltrace.agent.core.weaving;
