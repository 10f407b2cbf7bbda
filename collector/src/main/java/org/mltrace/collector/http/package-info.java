/**
 * What the collector's two HTTP endpoints (the UI and the {@code collect --listen} listener) share:
 * where they bind, the token their callers must carry, and a JDK server on one daemon thread.
 */
package org.mltrace.collector.http;
