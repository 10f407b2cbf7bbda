package org.mltrace.agent.core.queue;

import java.io.File;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How much disk this agent's queue uses, against the YAML's {@code max_queue_mb}; used by the
 * writer thread only, so it takes no lock and costs the application nothing.
 *
 * <p>Counts the bytes of the documents this agent appended (plus Chronicle's 4-byte document
 * header), per cycle file, rather than asking the file system: Chronicle's cycle files are sparse
 * and report their mapped size (80 MiB for a file holding a few kilobytes). When the collector's
 * retention deletes a drained cycle file, {@link #recheck} notices that the file is gone and its
 * bytes stop counting, so appending resumes. Chronicle's own index and metadata add some kilobytes
 * per cycle that are not counted.
 */
final class QueueDiskUse {
  static final int DOCUMENT_HEADER_BYTES = 4;

  private final long capBytes;
  private final Map<Integer, Cycle> cycles = new HashMap<>();
  private long total;

  /** The cycle appended to last: nearly every append goes to it, without boxing a map key. */
  private int lastCycleNumber;

  private Cycle lastCycle;

  private static final class Cycle {
    final File file;
    long bytes;

    Cycle(File file) {
      this.file = file;
    }
  }

  QueueDiskUse(long capBytes) {
    this.capBytes = capBytes;
  }

  /** True when the queue holds {@code max_queue_mb} or more: run events are then dropped. */
  boolean full() {
    return total >= capBytes;
  }

  long bytes() {
    return total;
  }

  long capBytes() {
    return capBytes;
  }

  /**
   * One document of {@code length} bytes was appended to cycle {@code cycle}; {@code file} is asked
   * for only when the cycle is new.
   */
  void appended(int cycle, Supplier<File> file, long length) {
    Cycle c = lastCycle != null && lastCycleNumber == cycle ? lastCycle : cycles.get(cycle);
    if (c == null) {
      c = new Cycle(file.get());
      cycles.put(cycle, c);
    }
    lastCycle = c;
    lastCycleNumber = cycle;
    long bytes = length + DOCUMENT_HEADER_BYTES;
    c.bytes += bytes;
    total += bytes;
  }

  /** Forgets the cycles whose files were deleted (by the collector's retention). */
  void recheck() {
    for (Iterator<Cycle> it = cycles.values().iterator(); it.hasNext(); ) {
      Cycle c = it.next();
      if (c.file != null && !c.file.exists()) {
        total -= c.bytes;
        it.remove();
        if (c == lastCycle) {
          lastCycle = null;
        }
      }
    }
  }
}
