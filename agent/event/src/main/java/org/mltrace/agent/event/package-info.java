/**
 * The queue's wire format: what one component run looks like on disk.
 *
 * <p>The agent encodes, the collector decodes; both depend on this JDK-only module so the format
 * has one definition. Every entry starts with a format version byte and a kind byte so that the
 * collector can refuse (dead-letter) what it does not understand instead of misreading it. The byte
 * layout is documented in {@code docs/event-format.md}.
 */
package org.mltrace.agent.event;
