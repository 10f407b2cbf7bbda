package org.mltrace.collector.artifact;

import java.util.Map;
import java.util.TreeMap;

/** Snapshot outcomes since the collector started, for its summary line. */
public final class SnapshotStats {
  private final Map<String, Long> byStatus = new TreeMap<>();
  private long bytesCopied;

  void count(String status, long size) {
    byStatus.merge(status, 1L, Long::sum);
    if (status.equals("stored")) {
      bytesCopied += size;
    }
  }

  public boolean any() {
    return !byStatus.isEmpty();
  }

  public long count(String status) {
    return byStatus.getOrDefault(status, 0L);
  }

  /** E.g. {@code 2 copied (512 KiB), 98 duplicates, skipped: too_large 1}. */
  public String summary() {
    StringBuilder sb =
        new StringBuilder()
            .append(count("stored"))
            .append(" copied (")
            .append(bytesCopied / 1024)
            .append(" KiB), ")
            .append(count("duplicate"))
            .append(" duplicates");
    StringBuilder skipped = new StringBuilder();
    byStatus.forEach(
        (status, n) -> {
          if (!status.equals("stored") && !status.equals("duplicate")) {
            skipped.append(skipped.length() == 0 ? "" : ", ").append(status).append(' ').append(n);
          }
        });
    return sb.append(", skipped: ").append(skipped.length() == 0 ? "none" : skipped).toString();
  }
}
