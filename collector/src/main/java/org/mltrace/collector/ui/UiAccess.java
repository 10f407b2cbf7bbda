package org.mltrace.collector.ui;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.mltrace.collector.http.HttpAccess;

/**
 * Where the UI listens and who may call its API. Binding to a loopback address needs nothing;
 * binding elsewhere needs a token, which every API call must then present as {@code Authorization:
 * Bearer TOKEN} (the pages send it, having read it once from the {@code #token=} part of the URL).
 */
public final class UiAccess extends HttpAccess {
  private UiAccess(InetAddress bind, int port, String token) {
    super(bind, port, token);
  }

  /**
   * Checks the settings.
   *
   * @param token null or blank for none
   * @throws BadRequestException if the address is unknown, the port out of range, or a non-loopback
   *     address has no token
   */
  public static UiAccess of(String bindAddress, int port, String token) {
    if (port < 0 || port > 65_535) {
      throw new BadRequestException("--port must be between 0 and 65535, got " + port);
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bindAddress);
    } catch (UnknownHostException e) {
      throw new BadRequestException("--bind: unknown address '" + bindAddress + "'");
    }
    String t =
        checkedToken(
            token,
            address,
            "refusing to serve the UI on "
                + bindAddress
                + " without a token: anyone who can reach it could read the history; pass --token"
                + " TOKEN or set MLTRACE_UI_TOKEN (or bind to 127.0.0.1)",
            BadRequestException::new);
    return new UiAccess(address, port, t);
  }
}
