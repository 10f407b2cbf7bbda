/**
 * End-to-end tests: real application JVMs with the agent, the collector as a separate JVM, and
 * assertions through the collector's command line only.
 */
package org.mltrace.it;
