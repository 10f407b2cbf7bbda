/**
 * Chooses which classes and methods to weave: signature patterns against class names, method names,
 * parameter descriptors and, for {@code Class+}, the supertypes read from class files.
 */
package org.mltrace.agent.core.matching;
