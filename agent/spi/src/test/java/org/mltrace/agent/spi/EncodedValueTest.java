package org.mltrace.agent.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class EncodedValueTest {
  @Test
  void sameObjectCarriesSchemaAndSourcesInOrder() {
    EncodedValue v =
        EncodedValue.sameObject()
            .withSchema("struct<a:int>")
            .withSource("/a.csv")
            .withSources(List.of("s3a://b/c", "/d"));
    assertNull(v.pointer());
    assertNull(v.text());
    assertEquals("struct<a:int>", v.schema());
    assertEquals(List.of("/a.csv", "s3a://b/c", "/d"), v.sources());
    assertEquals(
        List.of(), EncodedValue.sameObject().sources(), "the shared instance is never changed");
  }

  @Test
  void pointerAndTextNeedSomething() {
    assertEquals("db.table", EncodedValue.pointer("db.table", "data").pointer());
    assertThrows(IllegalArgumentException.class, () -> EncodedValue.pointer("", null));
    assertThrows(IllegalArgumentException.class, () -> EncodedValue.text(null));
    assertThrows(IllegalArgumentException.class, () -> EncodedValue.sameObject().withSource(""));
  }

  @Test
  void subtypesAreFoundByNameThroughClassesAndInterfaces() {
    assertEquals(true, ValueTypes.isSubtypeOf(java.util.ArrayList.class, "java.util.Collection"));
    assertEquals(true, ValueTypes.isSubtypeOf(java.util.ArrayList.class, "java.util.AbstractList"));
    assertEquals(false, ValueTypes.isSubtypeOf(java.util.ArrayList.class, "java.util.Map"));
  }
}
