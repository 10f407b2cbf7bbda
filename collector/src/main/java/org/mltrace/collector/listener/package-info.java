/**
 * The collector's HTTP listener ({@code mltrace collect --listen HOST:PORT}): OpenLineage run
 * events in ({@code POST /api/v1/lineage}, the path Marquez serves), on a JDK {@link
 * com.sun.net.httpserver.HttpServer} like the UI's.
 *
 * <p>Security: loopback unless told otherwise; another address needs a token that every request
 * must carry ({@link org.mltrace.collector.listener.ListenerAccess}). Writes need {@code
 * Content-Type: application/json}, which a page on another site cannot send without a CORS
 * preflight this server never answers.
 */
package org.mltrace.collector.listener;
