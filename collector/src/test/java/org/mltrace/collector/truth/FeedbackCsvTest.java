package org.mltrace.collector.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackCsvTest {
  @TempDir Path dir;

  @Test
  void quotedFieldsTimesAndBlankLines() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("f.csv"),
            "ID, Label ,time\n\"a,1\",yes,2026-01-02\n\n\"say \"\"hi\"\"\",0,2026-01-02T03:04:05Z\nc,TRUE,\n");
    List<FeedbackCsv.Line> lines = FeedbackCsv.read(f, "binary");
    assertEquals(3, lines.size());
    assertEquals(
        new FeedbackCsv.Line(2, "a,1", 1.0, Instant.parse("2026-01-02T00:00:00Z")), lines.get(0));
    assertEquals(
        new FeedbackCsv.Line(4, "say \"hi\"", 0.0, Instant.parse("2026-01-02T03:04:05Z")),
        lines.get(1));
    assertNull(lines.get(2).time(), "an empty time is the import's");
  }

  @Test
  void aWrongHeaderOrBadTimeNamesTheLine() throws Exception {
    Path header = Files.writeString(dir.resolve("h.csv"), "trip,tipped\na,1\n");
    TaskException e = assertThrows(TaskException.class, () -> FeedbackCsv.read(header, "binary"));
    assertEquals(
        header + ":1: expected the header 'id,label' or 'id,label,time', not 'trip,tipped'",
        e.getMessage());
    Path time = Files.writeString(dir.resolve("t.csv"), "id,label,time\na,1.5,yesterday\n");
    TaskException t = assertThrows(TaskException.class, () -> FeedbackCsv.read(time, "regression"));
    assertTrue(
        t.problems().get(0).startsWith(time + ":2: time 'yesterday' is not an ISO-8601 instant"),
        t.problems().toString());
  }
}
