package org.mltrace.encoders.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.spi.EncodedValue;
import org.mltrace.encoders.spark.FakeSpark.ClassicDataset;
import org.mltrace.encoders.spark.FakeSpark.LogicalRelation;
import org.mltrace.encoders.spark.FakeSpark.Node;
import org.mltrace.encoders.spark.FakeSpark.V2Relation;

class SparkDatasetEncoderTest {
  private final SparkDatasetEncoder encoder = new SparkDatasetEncoder();

  @Test
  void supportsClassicDatasetsOnly() {
    assertTrue(encoder.supports(ClassicDataset.class));
    assertFalse(
        encoder.supports(FakeSpark.ConnectDataset.class),
        "a Connect Dataset needs the server for its schema");
    assertFalse(encoder.supports(String.class));
  }

  @Test
  void aJoinOfTwoFileReadsHasBothRootPathsInPlanOrderEachOnce() throws Exception {
    Node plan =
        new Node(
            new Node(new LogicalRelation("file:/data/raw/trips.csv")),
            new LogicalRelation("file:/data/zones%20v2/", "file:/data/raw/trips.csv"),
            new V2Relation());
    EncodedValue v = encoder.encode(new ClassicDataset(plan));

    assertNull(v.pointer(), "the Dataset keeps its in-memory identity");
    assertEquals("struct<trip_id:int,fare:double>", v.schema());
    assertEquals(
        List.of("file:/data/raw/trips.csv", "file:/data/zones%20v2/", "s3a://bucket/events"),
        v.sources());
  }

  @Test
  void aPlanWithoutFilesHasNoSources() throws Exception {
    assertEquals(List.of(), encoder.encode(new ClassicDataset(new Node(new Node()))).sources());
  }

  @Test
  void aPathologicalPlanIsCutAtMaxNodes() throws Exception {
    Node deep = new LogicalRelation("file:/too/deep.csv");
    for (int i = 0; i < PlanSources.MAX_NODES + 5; i++) {
      deep = new Node(deep);
    }
    assertEquals(List.of(), encoder.encode(new ClassicDataset(deep)).sources());
  }
}
