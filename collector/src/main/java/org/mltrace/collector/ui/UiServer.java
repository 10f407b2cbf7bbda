package org.mltrace.collector.ui;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import org.mltrace.collector.query.QueryService;

/**
 * The running UI: {@code /api/} answered by {@link ApiHandler}, everything else by {@link
 * StaticHandler}. Requests are served one at a time on a single thread, because the query layer
 * holds one JDBC connection; each is a few milliseconds.
 */
public final class UiServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final QueryService queries;
  private final UiAccess access;

  private UiServer(
      HttpServer server, ExecutorService executor, QueryService queries, UiAccess access) {
    this.server = server;
    this.executor = executor;
    this.queries = queries;
    this.access = access;
  }

  /**
   * Opens the database and starts serving.
   *
   * @throws org.mltrace.collector.MltraceException if the database cannot be opened
   * @throws UiStartException if the address cannot be bound (port taken)
   */
  public static UiServer start(String jdbcUrl, UiAccess access) {
    QueryService queries = QueryService.open(jdbcUrl);
    HttpServer server;
    try {
      server = access.bindServer("mltrace-ui");
    } catch (IOException e) {
      queries.close();
      throw new UiStartException("cannot listen on " + access.address() + ": " + e.getMessage(), e);
    }
    server.createContext("/api/", new ApiHandler(queries, access, Clock.systemUTC()));
    server.createContext("/", new StaticHandler());
    server.start();
    return new UiServer(server, (ExecutorService) server.getExecutor(), queries, access);
  }

  /** The port it listens on (the chosen one when started with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The address to open in a browser (the one given to --bind, as written for 0.0.0.0). */
  public String url() {
    return access.url(port()) + "/";
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    queries.close();
  }
}
