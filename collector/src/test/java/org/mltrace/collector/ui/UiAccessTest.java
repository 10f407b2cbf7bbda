package org.mltrace.collector.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UiAccessTest {
  @Test
  void loopbackNeedsNoToken() {
    UiAccess access = UiAccess.of("127.0.0.1", 8321, null);
    assertFalse(access.tokenRequired());
    assertTrue(access.allows(null));
  }

  @Test
  void anotherAddressWithoutATokenRefusesToStart() {
    BadRequestException e =
        assertThrows(BadRequestException.class, () -> UiAccess.of("0.0.0.0", 8321, " "));
    assertEquals(
        "refusing to serve the UI on 0.0.0.0 without a token: anyone who can reach it could read"
            + " the history; pass --token TOKEN or set MLTRACE_UI_TOKEN (or bind to 127.0.0.1)",
        e.getMessage());
  }

  @Test
  void aTokenMustBeBearerAndExact() {
    UiAccess access = UiAccess.of("0.0.0.0", 0, "s3cret-token");
    assertTrue(access.tokenRequired());
    assertTrue(access.allows("Bearer s3cret-token"));
    assertFalse(access.allows("Bearer s3cret-tokeN"));
    assertFalse(access.allows("s3cret-token"));
    assertFalse(access.allows(null));
  }

  @Test
  void badSettingsAreNamed() {
    assertEquals(
        "--port must be between 0 and 65535, got 70000",
        assertThrows(BadRequestException.class, () -> UiAccess.of("127.0.0.1", 70000, null))
            .getMessage());
    assertEquals(
        "--token must be at least 8 characters",
        assertThrows(BadRequestException.class, () -> UiAccess.of("127.0.0.1", 0, "short"))
            .getMessage());
    assertEquals(
        "--bind: unknown address 'no.such.host.invalid'",
        assertThrows(BadRequestException.class, () -> UiAccess.of("no.such.host.invalid", 0, null))
            .getMessage());
  }
}
