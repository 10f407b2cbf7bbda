package org.mltrace.collector.trigger.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkSchemaTest {

  @Test
  void topLevelColumnsWithNestedTypes() {
    SparkSchema s =
        SparkSchema.parse(
            "struct<id:int,m:map<string,int>,p:struct<x:int,y:int>,d:decimal(10,2)>", false);
    assertEquals(
        Map.of(
            "id", "int", "m", "map<string,int>", "p", "struct<x:int,y:int>", "d", "decimal(10,2)"),
        s.columns());
    assertEquals(List.of("id", "m", "p", "d"), List.copyOf(s.columns().keySet()));
    assertTrue(s.complete());
  }

  @Test
  void cutOrAbbreviatedSchemasAreIncomplete() {
    SparkSchema cut = SparkSchema.parse("struct<id:int,fa", true);
    assertEquals(Map.of("id", "int"), cut.columns());
    assertFalse(cut.complete());
    SparkSchema abbreviated = SparkSchema.parse("struct<a:int,... 3 more fields>", false);
    assertEquals(Map.of("a", "int"), abbreviated.columns());
    assertFalse(abbreviated.complete());
  }

  @Test
  void backtickQuotedNames() {
    assertEquals(
        Map.of("a:b", "string", "c", "int"),
        SparkSchema.parse("struct<`a:b`:string,c:int>", false).columns());
  }

  @Test
  void notAStruct() {
    assertNull(SparkSchema.parse("int", false));
  }
}
