package org.mltrace.agent.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.mltrace.agent.bootstrap.CaptureBridge;
import org.mltrace.agent.event.NamedCount;

/**
 * What went wrong inside the agent, counted by kind for the agent-health part of the stats event
 * (see docs/event-format.md). Each kind is a striped counter, so counting on an application thread
 * takes no lock.
 *
 * <p>The key is what the collector stores; new kinds need no change to the event format.
 */
public enum AgentHealth {
  /** Encoding a value threw: the value became ERROR, or lost its summary or fingerprint. */
  ENCODER_FAILED("encoder_failed"),
  /**
   * A value-encoder plugin (the YAML's {@code plugins:}) could not be loaded, or threw in {@code
   * supports} or {@code encode}; the value kept the agent's default encoding.
   */
  PLUGIN_FAILED("plugin_failed"),
  /** A field path named a field the runtime class does not have. */
  FIELD_MISSING("field_missing"),
  /** A field path met a null before its last field. */
  FIELD_NULL_ON_PATH("field_null_on_path"),
  /** A field path met a field the agent may not read (a module that does not open it). */
  FIELD_INACCESSIBLE("field_inaccessible"),
  /** A YAML variable named nothing in a woven method (counted once per method). */
  LOCAL_NOT_FOUND("local_not_found"),
  /**
   * A class whose weaving failed (or whose woven bytes failed verification) kept its original
   * bytes.
   */
  WEAVE_FAILED("weave_failed"),
  /**
   * The code source of a woven class (its jar's path, hash, Maven coordinates) could not be read,
   * or was still being read at exit; its runs are recorded as usual.
   */
  CODE_SOURCE_FAILED("code_source_failed"),
  /** The queue could not be opened (a read-only directory, say); every run is then dropped. */
  QUEUE_UNAVAILABLE("queue_unavailable"),
  /** Appending to the queue threw (disk full, say); the event was dropped. */
  APPEND_FAILED("append_failed"),
  /** Runs dropped because the in-memory buffer was full or closed. */
  DROPPED_BUFFER_FULL("dropped_buffer_full"),
  /** Runs dropped because the queue could not be opened or appended to. */
  DROPPED_QUEUE_UNAVAILABLE("dropped_queue_unavailable"),
  /** Runs dropped because the queue directory had reached {@code max_queue_mb}. */
  DROPPED_DISK_CAP("dropped_disk_cap"),
  /** Runs dropped because the queue's file system had too little free space left (a full disk). */
  DROPPED_DISK_FULL("dropped_disk_full"),
  /**
   * The circuit breaker opened: the queue writer fell behind and calls were sampled (not a loss).
   */
  BREAKER_OPENED("breaker_opened"),
  /** A hook threw past its own handling and the bridge's last-resort catch took it. */
  HOOK_FAILED("hook_failed"),
  /** Any other failure caught inside the agent. */
  OTHER("other");

  private final String key;
  private final LongAdder count = new LongAdder();

  AgentHealth(String key) {
    this.key = key;
  }

  public static void count(AgentHealth kind) {
    kind.count.increment();
  }

  /** The name stored in the event and the collector. */
  public String key() {
    return key;
  }

  public long total() {
    // The bridge (bootstrap loader, JDK only) counts its last-resort catches itself.
    return this == HOOK_FAILED ? count.sum() + CaptureBridge.failures() : count.sum();
  }

  /** The kinds that happened, with their totals, for the stats event. */
  public static List<NamedCount> counts() {
    List<NamedCount> counts = new ArrayList<>();
    for (AgentHealth kind : values()) {
      long n = kind.total();
      if (n > 0) {
        counts.add(new NamedCount(kind.key, n));
      }
    }
    return counts;
  }
}
