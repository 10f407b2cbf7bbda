package org.mltrace.collector.listener;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.mltrace.collector.query.Annotations;

/**
 * The running listener of {@code collect --listen}. Requests are handled one at a time on one
 * thread: the OpenLineage intake is single-writer, and each request is a file write or two.
 */
public final class ListenerServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final ListenerAccess access;
  private final ListenerServices services;

  private ListenerServer(
      HttpServer server,
      ExecutorService executor,
      ListenerAccess access,
      ListenerServices services) {
    this.server = server;
    this.executor = executor;
    this.access = access;
    this.services = services;
  }

  /**
   * Binds and starts serving; the {@code services} are closed on the server's thread by {@link
   * #close}.
   *
   * @throws ListenerException if the address cannot be bound
   */
  public static ListenerServer start(ListenerAccess access, ListenerServices services) {
    HttpServer server;
    try {
      server = access.bindServer("mltrace-listener");
    } catch (IOException e) {
      throw ListenerException.cannotBind(
          "cannot listen on " + access.address() + ": " + e.getMessage(), e);
    }
    server.createContext(
        "/api/v1/lineage", guarded(access, new LineageHandler(services.lineage())));
    server.createContext("/metrics", guarded(access, new MetricsHandler(services.metrics())));
    Annotations annotations = new Annotations(services.queries());
    server.createContext("/api/v1/flag", guarded(access, AnnotationHandler.flags(annotations)));
    server.createContext("/api/v1/note", guarded(access, AnnotationHandler.notes(annotations)));
    server.createContext(
        "/api/v1/feedback",
        guarded(access, new FeedbackHandler(services.jdbcUrl(), services.alerts())));
    server.createContext("/", guarded(access, ListenerServer::notFound));
    server.start();
    return new ListenerServer(server, (ExecutorService) server.getExecutor(), access, services);
  }

  /** The port it listens on (the chosen one when started with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://HOST:PORT}, for messages. */
  public String url() {
    return access.url(port());
  }

  private static HttpHandler guarded(ListenerAccess access, HttpHandler handler) {
    return exchange -> {
      if (!access.allows(exchange.getRequestHeaders().getFirst("Authorization"))) {
        try (exchange) {
          exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
          Replies.error(exchange, 401, "missing or wrong token (Authorization: Bearer TOKEN)");
        }
        return;
      }
      handler.handle(exchange);
    };
  }

  private static void notFound(HttpExchange exchange) throws IOException {
    try (exchange) {
      Replies.error(
          exchange,
          404,
          "no such endpoint: "
              + exchange.getRequestURI().getPath()
              + " (try POST /api/v1/lineage)");
    }
  }

  /** Stops accepting, lets the request in hand finish, then closes the intake on its thread. */
  @Override
  public void close() {
    server.stop(1);
    executor.execute(services::close); // Chronicle's appender is checked to stay on one thread
    executor.shutdown();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
