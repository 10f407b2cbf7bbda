package org.mltrace.agent.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectIdsTest {

  @Test
  void theSameObjectKeepsItsId() {
    ObjectIds ids = new ObjectIds();
    List<String> list = new ArrayList<>();
    long id = ids.idOf(list);
    list.add("changes its hashCode");
    assertEquals(id, ids.idOf(list));
    assertEquals(1, ids.size());
  }

  @Test
  void distinctEqualObjectsGetDistinctIds() {
    ObjectIds ids = new ObjectIds();
    List<String> a = new ArrayList<>(List.of("x"));
    List<String> b = new ArrayList<>(List.of("x"));
    assertEquals(a, b);
    assertNotEquals(ids.idOf(a), ids.idOf(b));
    assertEquals(2, ids.size());
  }

  @Test
  void objectsWhoseHashCodeAndEqualsThrowAreFine() {
    ObjectIds ids = new ObjectIds();
    Hostile h = new Hostile();
    Hostile other = new Hostile();
    long id = ids.idOf(h);
    assertEquals(id, ids.idOf(h));
    assertNotEquals(id, ids.idOf(other));
  }

  @Test
  void entriesArePurgedOnceTheirObjectsAreCollectedAndIdsAreNeverReused() throws Exception {
    ObjectIds ids = new ObjectIds();
    Object kept = new Object();
    long keptId = ids.idOf(kept);
    long highest = idsOfGarbage(ids, 1_000);
    assertTrue(ids.size() <= 1_001);

    int attempts = 0;
    while (ids.size() > 1 && attempts++ < 100) {
      System.gc();
      Thread.sleep(20);
    }
    if (ids.size() > 1) {
      fail(
          "after "
              + attempts
              + " System.gc() calls "
              + ids.size()
              + " entries are still held; the GC never cleared the weak references (is -XX:+DisableExplicitGC set?)");
    }
    assertEquals(1, ids.size(), "only the live object is left");
    assertEquals(keptId, ids.idOf(kept));
    long fresh = ids.idOf(new Object());
    assertTrue(
        fresh > highest,
        "ids of collected objects are not handed out again: " + fresh + " <= " + highest);
    Reference.reachabilityFence(kept);
  }

  /** Gives ids to objects that are unreachable once this returns; the highest id given. */
  private static long idsOfGarbage(ObjectIds ids, int n) {
    long highest = 0;
    for (int i = 0; i < n; i++) {
      highest = Math.max(highest, ids.idOf(new int[] {i}));
    }
    return highest;
  }

  /** An application class whose identity methods must never be called. */
  static final class Hostile {
    @Override
    public int hashCode() {
      throw new IllegalStateException("hashCode is the application's code");
    }

    @Override
    public boolean equals(Object o) {
      throw new IllegalStateException("equals is the application's code");
    }
  }
}
