/**
 * Reads and validates the YAML that maps method signatures to components.
 *
 * <p>Every problem is reported with the file, the line and what was expected; all problems of a
 * file are collected before giving up, so a user fixes them in one round.
 */
package org.mltrace.agent.core.config;
