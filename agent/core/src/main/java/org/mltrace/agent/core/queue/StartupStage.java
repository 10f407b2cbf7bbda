package org.mltrace.agent.core.queue;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.mltrace.agent.core.AgentLog;
import org.mltrace.agent.core.capture.ComponentSampler;

/**
 * Encoded events kept while the Chronicle queue is still opening: first in memory, bounded in
 * bytes, then in a spill file, also bounded.
 *
 * <p>Opening the queue loads some 500 of Chronicle's classes: 0.3 s of CPU, and 1 to 3 s of wall
 * time on the project's 2-core machine when it is busy. A service called 50,000 times a second from
 * its first second makes 50,000 to 150,000 runs meanwhile. Held as objects (about 700 bytes each)
 * they would overflow the event buffer and open the circuit breaker; encoded they take 150 to 600
 * bytes each. So the writer thread encodes what it drains into this stage until the queue is open,
 * then appends the stage in order before anything newer. The stage is first in, first out: an event
 * goes to memory while nothing waits in the spill file and memory has room, else to the end of the
 * spill file; the oldest is in memory while memory holds any. The writer keeps adding while it
 * appends (see {@link EventWriter}), so the spill file is read while it is written; it is deleted
 * once the stage is empty. The spill file is the agent's own and only read back by it; it is not
 * part of the queue the collector reads. Once both bounds are reached, {@link #full()} says so, the
 * writer stops draining, and the breaker and the drop counters take over, as they do when the
 * writer falls behind for any other reason.
 *
 * <p>A staged run has already carried its component's unrecorded calls (its event says how many it
 * carries); if it is dropped at append time instead, the writer gives them back to the sampler so
 * that the next event carries them and the counts stay exact. Writer thread only.
 */
final class StartupStage implements AutoCloseable {
  /** An encoded event; {@code sampler} and {@code carried} only for runs. */
  record Staged(byte[] bytes, ComponentSampler sampler, long carried) {
    boolean isRun() {
      return sampler != null;
    }
  }

  private final long memoryBytes;
  private final long spillBytes;
  private final ArrayDeque<Staged> inMemory = new ArrayDeque<>();
  private long heldInMemory;
  private int count;

  // The spill file, made by the first event that does not fit in memory.
  private Path spillFile;
  private DataOutputStream spillOut;
  private DataInputStream spillIn;
  private long spilled;
  private int spilledCount;
  private int spilledFlushed;
  private int spilledRead;
  private boolean spillBroken;

  /** Spilled runs name their component's sampler by its index here. */
  private final List<ComponentSampler> samplers = new ArrayList<>();

  private final Map<ComponentSampler, Integer> samplerIndex = new IdentityHashMap<>();

  /**
   * @param memoryBytes how many encoded bytes are held in memory
   * @param spillBytes how many more go to a spill file in the temporary directory; 0 for none
   */
  StartupStage(long memoryBytes, long spillBytes) {
    this.memoryBytes = memoryBytes;
    this.spillBytes = spillBytes;
  }

  /** True when the next event would go to the spill file and that has no room (or failed). */
  boolean full() {
    boolean toSpill = heldInMemory >= memoryBytes || spilledRead != spilledCount;
    return toSpill && (spillBroken || spilled >= spillBytes);
  }

  boolean isEmpty() {
    return count == 0;
  }

  int size() {
    return count;
  }

  /** Keeps an event; call only while not {@link #full()}. */
  void add(Staged s) {
    if (heldInMemory < memoryBytes && spilledRead == spilledCount) { // nothing in the file is older
      inMemory.addLast(s);
      heldInMemory += s.bytes().length;
      count++;
      return;
    }
    try {
      spill(s);
      count++;
    } catch (IOException | RuntimeException e) {
      // Not kept: the caller counts it as it counts any event the queue cannot take.
      spillBroken = true;
      AgentLog.warnOnce(
          "spill", "cannot spill runs to " + spillFile + " while the queue opens (" + e + ")");
      throw new IllegalStateException("the start-up spill file is unusable", e);
    }
  }

  private void spill(Staged s) throws IOException {
    if (spillOut == null) {
      spillFile = Files.createTempFile("mltrace-startup-", ".spill");
      spillOut =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spillFile), 1 << 16));
    }
    int sampler = -1;
    if (s.sampler() != null) {
      sampler =
          samplerIndex.computeIfAbsent(
              s.sampler(),
              k -> {
                samplers.add(k);
                return samplers.size() - 1;
              });
    }
    spillOut.writeInt(s.bytes().length);
    spillOut.writeInt(sampler);
    spillOut.writeLong(s.carried());
    spillOut.write(s.bytes());
    spilled += s.bytes().length + 16L;
    spilledCount++;
  }

  /**
   * The oldest event, removed; null when none is left.
   *
   * @throws IOException when the spill file cannot be read back: what it still held is lost (the
   *     caller counts it)
   */
  Staged poll() throws IOException {
    Staged s = inMemory.pollFirst();
    if (s != null) {
      heldInMemory -= s.bytes().length;
      count--;
      return s;
    }
    if (spilledRead == spilledCount) {
      return null;
    }
    if (spilledRead == spilledFlushed) { // what is left is still in the output's buffer
      spillOut.flush();
      spilledFlushed = spilledCount;
    }
    if (spillIn == null) {
      spillIn =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(spillFile), 1 << 16));
    }
    try {
      byte[] bytes = new byte[spillIn.readInt()];
      int sampler = spillIn.readInt();
      long carried = spillIn.readLong();
      spillIn.readFully(bytes);
      spilledRead++;
      count--;
      return new Staged(bytes, sampler < 0 ? null : samplers.get(sampler), carried);
    } catch (IOException e) {
      count -= spilledCount - spilledRead;
      spilledRead = spilledCount;
      throw e;
    }
  }

  /** Deletes the spill file, if there is one. */
  @Override
  public void close() {
    try {
      if (spillOut != null) {
        spillOut.close();
      }
      if (spillIn != null) {
        spillIn.close();
      }
      if (spillFile != null) {
        Files.deleteIfExists(spillFile);
      }
    } catch (IOException e) {
      AgentLog.warnOnce(
          "spill-delete", "cannot delete the start-up spill file " + spillFile + ": " + e);
    }
  }
}
