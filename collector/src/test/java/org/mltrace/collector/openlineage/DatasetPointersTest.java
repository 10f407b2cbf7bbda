package org.mltrace.collector.openlineage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DatasetPointersTest {
  @Test
  void localFilesAreTheirNormalizedPathLikeTheAgentsFilePointers() {
    assertEquals("/data/model.bin", DatasetPointers.identifier("file", "/data/tmp/../model.bin"));
    assertEquals("/data/x.csv", DatasetPointers.identifier("file://host-1", "/data/x.csv"));
    assertEquals("model", DatasetPointers.type("file", "/data/model.bin"));
    assertEquals("data", DatasetPointers.type("file", "/data/x.csv"));
  }

  @Test
  void otherDatasetsJoinNamespaceAndNameWithOneSlash() {
    assertEquals("s3://bucket/data/x.csv", DatasetPointers.identifier("s3://bucket", "data/x.csv"));
    assertEquals(
        "s3://bucket/data/x.csv", DatasetPointers.identifier("s3://bucket/", "/data/x.csv"));
    assertEquals(
        "postgres://db:5432/shop.public.orders",
        DatasetPointers.identifier("postgres://db:5432", "shop.public.orders"));
    assertEquals(
        "endpoint", DatasetPointers.type("https://api.example.com", "https://api.example.com/v1"));
  }
}
