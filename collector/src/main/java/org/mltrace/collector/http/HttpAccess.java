package org.mltrace.collector.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Where an HTTP endpoint binds and who may call it. A loopback address needs nothing; any other
 * needs a token, which every request must then carry as {@code Authorization: Bearer TOKEN}. The
 * subclasses parse their command's options and word their own errors.
 */
public abstract class HttpAccess {
  private final InetAddress bind;
  private final int port;
  private final String token;

  protected HttpAccess(InetAddress bind, int port, String token) {
    this.bind = bind;
    this.port = port;
    this.token = token;
  }

  /**
   * The token to require: null when {@code token} is null or blank.
   *
   * @throws RuntimeException made by {@code error}: {@code refusal} when {@code address} is off
   *     loopback and there is no token; a message when the token is shorter than 8 characters
   */
  protected static String checkedToken(
      String token,
      InetAddress address,
      String refusal,
      Function<String, ? extends RuntimeException> error) {
    String t = token == null || token.isBlank() ? null : token;
    if (t == null && !address.isLoopbackAddress()) {
      throw error.apply(refusal);
    }
    if (t != null && t.length() < 8) {
      throw error.apply("--token must be at least 8 characters");
    }
    return t;
  }

  /** {@code HOST:PORT} as asked for, for messages. */
  public String address() {
    return bind.getHostAddress() + ":" + port;
  }

  /** {@code http://HOST:PORT} for the port {@code bound} (IPv6 hosts in brackets). */
  public String url(int bound) {
    String host = bind.getHostAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound;
  }

  public boolean tokenRequired() {
    return token != null;
  }

  /** True when no token is required or the header carries it (compared in constant time). */
  public boolean allows(String authorizationHeader) {
    if (token == null) {
      return true;
    }
    if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
      return false;
    }
    byte[] given = authorizationHeader.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A server bound here that handles requests one at a time on one daemon thread named {@code
   * threadName} (its executor, an {@code ExecutorService}); not started yet.
   *
   * @throws IOException if the address cannot be bound
   */
  public HttpServer bindServer(String threadName) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 50);
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            }));
    return server;
  }
}
