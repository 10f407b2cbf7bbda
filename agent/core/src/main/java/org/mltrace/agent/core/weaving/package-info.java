/**
 * ASM rewriting of the configured methods: static calls at entry (the values read only for a call
 * that is recorded), one before each return, one in a catch-all handler that rethrows. See {@link
 * org.mltrace.agent.core.weaving.CaptureMethodWeaver} for the design note.
 */
package org.mltrace.agent.core.weaving;
