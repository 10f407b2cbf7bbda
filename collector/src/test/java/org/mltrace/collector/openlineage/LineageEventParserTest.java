package org.mltrace.collector.openlineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineageEventParserTest {
  private static String refusal(String json) {
    return assertThrows(
            InvalidLineageEventException.class,
            () -> LineageEventParser.parse(json.getBytes(StandardCharsets.UTF_8)))
        .getMessage();
  }

  private static final String RUN = "\"run\": {\"runId\": \"r1\"}";
  private static final String JOB = "\"job\": {\"namespace\": \"ns\", \"name\": \"j\"}";
  private static final String TIME = "\"eventTime\": \"2025-01-01T00:00:00Z\"";

  @Test
  void eachMissingOrWrongFieldIsNamed() {
    assertEquals(
        "malformed JSON at line 1, column 15: Unexpected end-of-input within/between Object entries",
        refusal("{\"eventType\": "));
    assertEquals("expected a JSON object (an OpenLineage RunEvent), got an array", refusal("[]"));
    assertEquals("eventType is missing", refusal("{" + TIME + ", " + RUN + ", " + JOB + "}"));
    assertEquals(
        "unknown eventType 'DONE': expected one of [START, RUNNING, COMPLETE, ABORT, FAIL, OTHER]",
        refusal("{\"eventType\": \"DONE\", " + TIME + ", " + RUN + ", " + JOB + "}"));
    assertEquals(
        "eventTime is missing", refusal("{\"eventType\": \"START\", " + RUN + ", " + JOB + "}"));
    assertEquals(
        "eventTime '2025-01-01T00:00:00' is not an ISO-8601 date-time with an offset (e.g."
            + " 2025-01-31T12:00:00.000Z)",
        refusal(
            "{\"eventType\": \"START\", \"eventTime\": \"2025-01-01T00:00:00\", "
                + RUN
                + ", "
                + JOB
                + "}"));
    assertEquals(
        "run.runId is missing",
        refusal("{\"eventType\": \"START\", " + TIME + ", \"run\": {}, " + JOB + "}"));
    assertEquals(
        "job.name is blank",
        refusal(
            "{\"eventType\": \"START\", "
                + TIME
                + ", "
                + RUN
                + ", \"job\": {\"namespace\": \"ns\", \"name\": \" \"}}"));
    assertEquals(
        "inputs[1].name is missing",
        refusal(
            "{\"eventType\": \"START\", "
                + TIME
                + ", "
                + RUN
                + ", "
                + JOB
                + ", \"inputs\": [{\"namespace\": \"file\", \"name\": \"/a\"}, {\"namespace\": \"file\"}]}"));
  }

  @Test
  void aMinimalEventIsAccepted() {
    LineageEvent e =
        LineageEventParser.parse(
            ("{\"eventType\": \"COMPLETE\", \"eventTime\": \"2025-01-01T01:00:00+01:00\", "
                    + RUN
                    + ", "
                    + JOB
                    + "}")
                .getBytes(StandardCharsets.UTF_8));
    assertEquals("ns/j", e.component());
    assertEquals(java.time.Instant.parse("2025-01-01T00:00:00Z"), e.eventTime());
    assertEquals(0, e.inputs().size());
  }
}
