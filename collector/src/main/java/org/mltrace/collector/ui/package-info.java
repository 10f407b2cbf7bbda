/**
 * The web UI ({@code mltrace ui}): a JDK {@link com.sun.net.httpserver.HttpServer} serving a small
 * JSON API over the {@code query} package ({@code docs/api.md}) and static pages that call it. The
 * pages are plain HTML and JavaScript (no build step); charts use the echarts webjar, the trace DAG
 * is a hand-written layered SVG layout. The API writes nothing but output flags and notes.
 *
 * <p>Security: the server binds to 127.0.0.1 unless told otherwise, and binding elsewhere needs a
 * token that every API call must carry ({@link UiAccess}). The pages never build HTML from data:
 * every value reaches the DOM through {@code textContent} or an attribute setter, so a component
 * named {@code <script>} is shown, not run; a Content-Security-Policy forbids inline scripts as a
 * second line of defence.
 */
package org.mltrace.collector.ui;
