package org.mltrace.collector.openlineage;

import java.nio.charset.StandardCharsets;

/** OpenLineage RunEvent bodies as clients send them, for the tests. */
final class OpenLineageEvents {
  private OpenLineageEvents() {}

  static byte[] event(String type, String runId, String time, String inputs, String outputs) {
    return event(type, runId, time, inputs, outputs, "{}");
  }

  static byte[] event(
      String type, String runId, String time, String inputs, String outputs, String runFacets) {
    return ("""
        {"eventType": "%s", "eventTime": "%s",
         "producer": "https://example.com/etl/1.0", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
         "run": {"runId": "%s", "facets": %s},
         "job": {"namespace": "etl", "name": "featurize",
                 "facets": {"sourceCodeLocation": {"_producer": "p", "_schemaURL": "s", "type": "git", "url": "https://example.com/r", "version": "abc123"}}},
         "inputs": %s, "outputs": %s}
        """)
        .formatted(type, time, runId, runFacets, inputs, outputs)
        .getBytes(StandardCharsets.UTF_8);
  }

  static String file(String path) {
    return "[{\"namespace\": \"file\", \"name\": \"" + path + "\"}]";
  }
}
