package org.mltrace.collector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JdbcUrlTest {
  @Test
  void h2FilePathIsFound() {
    assertEquals(
        Optional.of(Path.of("./mltrace-data/mltrace")),
        JdbcUrl.parse("jdbc:h2:file:./mltrace-data/mltrace").h2File());
    assertEquals(
        Optional.of(Path.of("/var/db/x")),
        JdbcUrl.parse("jdbc:h2:/var/db/x;MODE=Regular").h2File());
    assertEquals(Optional.empty(), JdbcUrl.parse("jdbc:h2:mem:test").h2File());
    assertEquals(Optional.empty(), JdbcUrl.parse("jdbc:h2:tcp://localhost/~/x").h2File());
    assertEquals(Optional.empty(), JdbcUrl.parse("jdbc:postgresql://localhost/test").h2File());
  }

  @Test
  void autoServerIsAddedToH2FilesOnly() {
    assertEquals(
        "jdbc:h2:file:./x;AUTO_SERVER=TRUE;MAX_COMPACT_TIME=0;NON_KEYWORDS=VALUE",
        JdbcUrl.parse("jdbc:h2:file:./x").effective());
    assertEquals(
        "jdbc:h2:file:./x;auto_server=false;MAX_COMPACT_TIME=0;NON_KEYWORDS=VALUE",
        JdbcUrl.parse("jdbc:h2:file:./x;auto_server=false").effective());
    assertEquals(
        "jdbc:h2:mem:x;non_keywords=VALUE,KEY",
        JdbcUrl.parse("jdbc:h2:mem:x;non_keywords=VALUE,KEY").effective());
    assertEquals("jdbc:h2:mem:x;NON_KEYWORDS=VALUE", JdbcUrl.parse("jdbc:h2:mem:x").effective());
  }

  @Test
  void aShortQuerySessionOnAnH2FileSkipsBackgroundCompaction() {
    assertEquals(
        "jdbc:h2:file:./x;AUTO_SERVER=TRUE;MAX_COMPACT_TIME=0;AUTO_COMPACT_FILL_RATE=0;NON_KEYWORDS=VALUE",
        JdbcUrl.parse("jdbc:h2:file:./x").effective(true));
    assertEquals(
        "jdbc:h2:file:./x;auto_compact_fill_rate=50;AUTO_SERVER=TRUE;MAX_COMPACT_TIME=0;NON_KEYWORDS=VALUE",
        JdbcUrl.parse("jdbc:h2:file:./x;auto_compact_fill_rate=50").effective(true));
    assertEquals(
        "jdbc:h2:mem:x;NON_KEYWORDS=VALUE", JdbcUrl.parse("jdbc:h2:mem:x").effective(true));
  }

  @Test
  void closingAnH2FileSkipsCompactionUnlessTheUserAsksForIt() {
    assertEquals(
        "jdbc:h2:file:./x;max_compact_time=200;AUTO_SERVER=TRUE;NON_KEYWORDS=VALUE",
        JdbcUrl.parse("jdbc:h2:file:./x;max_compact_time=200").effective());
  }

  @Test
  void postgresBatchesAreRewrittenAsMultiRowInsertsUnlessTheUserSaidOtherwise() {
    assertEquals(
        "jdbc:postgresql://h/db?reWriteBatchedInserts=true",
        JdbcUrl.parse("jdbc:postgresql://h/db").effective());
    assertEquals(
        "jdbc:postgresql://h/db?user=u&reWriteBatchedInserts=true",
        JdbcUrl.parse("jdbc:postgresql://h/db?user=u").effective());
    assertEquals(
        "jdbc:postgresql://h/db?reWriteBatchedInserts=false",
        JdbcUrl.parse("jdbc:postgresql://h/db?reWriteBatchedInserts=false").effective());
  }

  @Test
  void passwordsAreMasked() {
    assertEquals(
        "jdbc:postgresql://h/db?user=u&password=***&ssl=true",
        JdbcUrl.parse("jdbc:postgresql://h/db?user=u&password=s3cret&ssl=true").masked());
    assertEquals(
        "jdbc:h2:file:./x;PASSWORD=***", JdbcUrl.parse("jdbc:h2:file:./x;PASSWORD=abc").masked());
  }

  @Test
  void nonJdbcUrlIsRefused() {
    StoreException e = assertThrows(StoreException.class, () -> JdbcUrl.parse("postgres://h/db"));
    assertTrue(e.getMessage().contains("not a JDBC URL"));
    assertTrue(JdbcUrl.parse("jdbc:postgresql://h/db").isPostgres());
    assertFalse(JdbcUrl.parse("jdbc:h2:mem:x").isPostgres());
  }
}
