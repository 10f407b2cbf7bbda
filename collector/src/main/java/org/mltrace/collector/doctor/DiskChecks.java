package org.mltrace.collector.doctor;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Free space where mltrace writes: the H2 database's directory and the queue directories. The agent
 * drops runs when its queue cannot grow (counted, see docs/config.md max_queue_mb), and H2 stops at
 * a full disk, so little room left is a problem before it is an outage.
 */
final class DiskChecks {
  /**
   * Less free space than this is a problem; less than {@link #LOW_FRACTION} of the disk a warning.
   */
  static final long MIN_FREE_BYTES = 1L << 30;

  static final double LOW_FRACTION = 0.10;

  private DiskChecks() {}

  static void check(List<Path> places, Consumer<Finding> out) {
    Map<String, Path> byStore = new LinkedHashMap<>();
    for (Path p : places) {
      Path existing = p.toAbsolutePath().normalize();
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing == null) {
        continue;
      }
      try {
        FileStore store = Files.getFileStore(existing);
        byStore.putIfAbsent(store.name() + " " + store, existing);
      } catch (IOException e) {
        // a place whose disk cannot be read was reported by its own check
      }
    }
    for (Path p : byStore.values()) {
      try {
        FileStore store = Files.getFileStore(p);
        long free = store.getUsableSpace();
        long total = store.getTotalSpace();
        String detail =
            Sizes.human(free) + " free of " + Sizes.human(total) + " on the disk holding " + p;
        String advice =
            "free space there ('mltrace compact --older-than 90d' shrinks the database; 'collect'"
                + " deletes stored queue files older than --queue-retention), or move the data to a"
                + " larger disk";
        if (free < MIN_FREE_BYTES) {
          out.accept(Finding.problem("disk", p.toString(), detail, advice));
        } else if (total > 0 && free < total * LOW_FRACTION) {
          out.accept(Finding.warning("disk", p.toString(), detail, advice));
        } else {
          out.accept(Finding.ok("disk", p.toString(), detail));
        }
      } catch (IOException e) {
        out.accept(
            Finding.warning("disk", p.toString(), "free space unknown: " + e.getMessage(), null));
      }
    }
  }
}
