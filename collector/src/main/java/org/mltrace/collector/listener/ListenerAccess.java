package org.mltrace.collector.listener;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.mltrace.collector.http.HttpAccess;

/**
 * Where the listener binds and who may call it. A loopback address needs nothing; any other needs a
 * token, which every request must then carry as {@code Authorization: Bearer TOKEN} (what an
 * OpenLineage client's {@code api_key} auth sends).
 */
public final class ListenerAccess extends HttpAccess {
  private ListenerAccess(InetAddress bind, int port, String token) {
    super(bind, port, token);
  }

  /**
   * Checks {@code HOST:PORT} ({@code [::1]:PORT} for IPv6) and the token.
   *
   * @param token null or blank for none
   * @throws ListenerException if the address is malformed or unknown, or off loopback without a
   *     token
   */
  public static ListenerAccess of(String hostPort, String token) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw ListenerException.usage(
          "--listen expects HOST:PORT (e.g. 127.0.0.1:8322), got '" + hostPort + "'");
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65_535) {
      throw ListenerException.usage(
          "--listen: the port must be a number from 0 to 65535, got '"
              + hostPort.substring(colon + 1)
              + "'");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw ListenerException.usage("--listen: unknown address '" + host + "'");
    }
    String t =
        checkedToken(
            token,
            address,
            "refusing to listen on "
                + hostPort
                + " without a token: anyone who can reach it could write lineage; pass --token TOKEN"
                + " or set MLTRACE_LISTEN_TOKEN (or listen on 127.0.0.1)",
            ListenerException::usage);
    return new ListenerAccess(address, port, t);
  }
}
