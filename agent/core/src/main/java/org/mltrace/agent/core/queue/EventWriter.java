package org.mltrace.agent.core.queue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.mltrace.agent.core.AgentCounters;
import org.mltrace.agent.core.AgentLog;
import org.mltrace.agent.core.AgentHealth;
import org.mltrace.agent.core.capture.CircuitBreaker;
import org.mltrace.agent.core.capture.CompletedRun;
import org.mltrace.agent.core.capture.ComponentSampler;
import org.mltrace.agent.core.capture.Samplers;
import org.mltrace.agent.event.AgentStatsEvent;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.EventCodec;
import org.mltrace.agent.event.NamedCount;
import org.mltrace.agent.event.RunEvent;

/**
 * Moves events from the application's threads to the queue on disk.
 *
 * <p>{@link #submit} never blocks: a full buffer drops the event and counts it. The writer thread
 * opens the queue, drains the buffer in batches, appends an {@link AgentStatsEvent} every
 * {@value #STATS_INTERVAL_SECONDS} s and at close, so drops and agent errors reach the collector.
 * {@link #close} (from the JVM shutdown hook) lets the thread write everything still buffered.
 *
 * <p>Each agent start appends to its own Chronicle queue, the subdirectory {@code
 * HOST-PID-AGENTID} of the queue directory it was given, never to a queue another JVM writes: the
 * collector keeps one read position per queue, and a queue with one writer can be retired as a
 * whole once drained. The collector drains every such subdirectory of the directory it is given.
 */
public final class EventWriter {
  static final int STATS_INTERVAL_SECONDS = 30;
  /** How often the writer looks whether cycle files were deleted (see {@link QueueDiskUse}). */
  static final long DISK_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** {@code max_queue_mb} when the YAML does not say. */
  public static final long DEFAULT_MAX_QUEUE_MB = 1024;
  /** How long the writer sleeps when the buffer is empty: bounds the delay before a flush. */
  static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  // Lock-free on purpose: with a lock (ArrayBlockingQueue) application threads contended with
  // the writer's drains, and a traced call cost microseconds whenever the writer was busy.
  private final ConcurrentLinkedQueue<Object> buffer = new ConcurrentLinkedQueue<>();
  private final AtomicInteger buffered = new AtomicInteger();
  private final int capacity;
  private final Path queueRoot;
  private final AgentIdentity identity;
  private final Samplers samplers;
  private final CircuitBreaker breaker;
  private final QueueDiskUse diskUse;
  /** Set by the writer thread once the queue is open; only that thread uses it. */
  private QueueFreeSpace freeSpace;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile boolean stopped;
  private volatile String unmatchedReport;

  /**
   * @param queueRoot the queue directory shared by the agents of this host; this writer appends to
   *     its subdirectory {@code HOST-PID-AGENTID}, creating both when needed
   */
  public EventWriter(Path queueRoot, AgentIdentity identity, int capacity) {
    this(queueRoot, identity, capacity, new Samplers(), CircuitBreaker.never(), DEFAULT_MAX_QUEUE_MB << 20);
  }

  /**
   * @param samplers the components' samplers, whose unrecorded calls this writer carries into
   *     the events it appends
   * @param breaker opened by {@link #submit} when the buffer fills, closed by the writer thread
   *     once it has drained it
   * @param maxQueueBytes once this agent's queue holds this many bytes, run events are dropped
   *     and counted ({@code dropped_disk_cap}) until the collector's retention frees some
   */
  public EventWriter(
      Path queueRoot, AgentIdentity identity, int capacity, Samplers samplers, CircuitBreaker breaker, long maxQueueBytes) {
    this.queueRoot = queueRoot;
    this.identity = identity;
    this.capacity = capacity;
    this.samplers = samplers;
    this.breaker = breaker;
    this.diskUse = new QueueDiskUse(maxQueueBytes);
    this.thread = new Thread(this::run, "mltrace-writer");
    thread.setDaemon(true);
    // Chronicle loads classes through the thread's context loader. A thread inherits it from the
    // one that made it, and on a late attach that is the JVM's attach listener, whose context
    // loader is null on Java 25: opening the queue then failed with a NullPointerException.
    thread.setContextClassLoader(EventWriter.class.getClassLoader());
  }

  public void start() {
    thread.start();
  }

  /** Enqueues a {@link CompletedRun} or an {@link Event}; drops and counts it when full. */
  public void submit(Object item) {
    int n = buffered.incrementAndGet();
    if (stopped || n > capacity) {
      buffered.decrementAndGet();
      if (item instanceof CompletedRun) {
        AgentCounters.dropped(AgentHealth.DROPPED_BUFFER_FULL);
      }
      AgentLog.warnOnce("buffer-full", "dropping runs: the event buffer is full or closed; the count is in the agent's stats");
      return;
    }
    breaker.observe(n);
    buffer.offer(item);
  }

  /** Text for the final stats event: signatures that matched nothing. */
  public void setUnmatchedReport(String report) {
    this.unmatchedReport = report;
  }

  /** Flushes what is buffered and closes the queue, waiting at most {@code timeoutMillis}. */
  public void close(long timeoutMillis) throws InterruptedException {
    stopping = true;
    LockSupport.unpark(thread);
    thread.join(timeoutMillis);
    if (thread.isAlive()) {
      AgentLog.warn("queue writer did not finish within " + timeoutMillis + " ms; " + buffered.get() + " events not written");
    }
  }

  private void run() {
    ChronicleSink sink = null;
    Path queueDir = queueRoot;
    try {
      queueDir = queueRoot.resolve(identity.queueName());
      sink = ChronicleSink.open(queueDir);
      freeSpace = QueueFreeSpace.of(queueDir);
    } catch (Throwable t) {
      AgentHealth.count(AgentHealth.QUEUE_UNAVAILABLE);
      AgentLog.warn("cannot open the queue at " + queueDir + " (" + t + "); runs are counted as dropped");
    }
    long nextStats = System.nanoTime() + TimeUnit.SECONDS.toNanos(STATS_INTERVAL_SECONDS);
    long nextDiskCheck = System.nanoTime() + DISK_RECHECK_NANOS;
    List<Object> batch = new ArrayList<>(1024);
    try {
      while (true) {
        for (Object item; batch.size() < 1024 && (item = buffer.poll()) != null; ) {
          batch.add(item);
        }
        if (!batch.isEmpty()) {
          buffered.addAndGet(-batch.size());
          for (Object item : batch) {
            write(sink, queueDir, item);
          }
          batch.clear();
          breaker.observe(buffered.get());
        } else if (stopping) {
          break;
        } else {
          LockSupport.parkNanos(IDLE_PARK_NANOS);
        }
        if (System.nanoTime() > nextDiskCheck) {
          diskUse.recheck();
          nextDiskCheck = System.nanoTime() + DISK_RECHECK_NANOS;
        }
        if (System.nanoTime() > nextStats) {
          writeStats(sink, queueDir);
          nextStats = System.nanoTime() + TimeUnit.SECONDS.toNanos(STATS_INTERVAL_SECONDS);
        }
      }
    } finally {
      stopped = true;
      for (Object item; (item = buffer.poll()) != null; ) {
        write(sink, queueDir, item);
      }
      writeStats(sink, queueDir);
      if (sink != null) {
        try {
          sink.close();
        } catch (Throwable t) {
          AgentLog.warn("closing the queue failed: " + t);
        }
      }
    }
  }

  private void write(ChronicleSink sink, Path queueDir, Object item) {
    boolean isRun = item instanceof CompletedRun;
    if (sink == null) {
      if (isRun) {
        AgentCounters.dropped(AgentHealth.DROPPED_QUEUE_UNAVAILABLE);
      }
      return;
    }
    try {
      if (item instanceof CompletedRun run) {
        if (diskUse.full()) {
          AgentCounters.dropped(AgentHealth.DROPPED_DISK_CAP);
          AgentLog.warnOnce("disk-cap", "the queue at " + queueDir + " holds max_queue_mb (" + (diskUse.capBytes() >> 20)
              + " MiB) of this agent's events, not yet deleted by the collector's retention: dropping runs (counted) until it does");
          return;
        }
        ComponentSampler sampler = run.plan().sampler();
        long unrecorded = sampler.pendingUnrecorded();
        byte[] event = EventCodec.encode(toEvent(run, unrecorded));
        if (freeSpace.low(event.length)) {
          AgentCounters.dropped(AgentHealth.DROPPED_DISK_FULL);
          AgentLog.warnOnce("disk-full", "the disk of the queue at " + queueDir + " has " + (freeSpace.lastFree() >> 10)
              + " KiB free, less than the " + (QueueFreeSpace.MIN_FREE_BYTES >> 20)
              + " MiB the agent leaves: dropping runs (counted) until there is room again");
          return;
        }
        append(sink, event);
        sampler.markCarried(unrecorded); // only once appended: a lost run leaves them pending
        AgentCounters.written();
      } else {
        append(sink, EventCodec.encode((Event) item)); // small and rare: never held back by the cap
      }
    } catch (Throwable t) {
      // Disk full or a broken queue: the run is lost, but counted and reported once.
      if (isRun) {
        AgentCounters.dropped(AgentHealth.DROPPED_QUEUE_UNAVAILABLE);
      }
      AgentCounters.internalError(AgentHealth.APPEND_FAILED);
      AgentLog.warnOnce("append", "cannot append to the queue at " + queueDir + ": " + t);
    }
  }

  /** The stats, carrying the unrecorded calls no run has carried; they count as carried once appended. */
  private void writeStats(ChronicleSink sink, Path queueDir) {
    List<ComponentSampler> carrying = new ArrayList<>();
    List<NamedCount> unrecorded = new ArrayList<>();
    for (ComponentSampler s : samplers.all()) {
      long pending = s.pendingUnrecorded();
      if (pending > 0) {
        carrying.add(s);
        unrecorded.add(new NamedCount(s.component(), pending));
      }
    }
    if (sink == null) {
      return;
    }
    try {
      append(sink, EventCodec.encode(stats(unrecorded)));
      for (int i = 0; i < carrying.size(); i++) {
        carrying.get(i).markCarried(unrecorded.get(i).count());
      }
    } catch (Throwable t) {
      AgentCounters.internalError(AgentHealth.APPEND_FAILED);
      AgentLog.warnOnce("append", "cannot append to the queue at " + queueDir + ": " + t);
    }
  }

  private void append(ChronicleSink sink, byte[] bytes) {
    sink.append(bytes);
    diskUse.appended(sink.cycle(), sink::currentFile, bytes.length);
  }

  private RunEvent toEvent(CompletedRun r, long unrecordedBefore) {
    return new RunEvent(
        identity.agentId() + "-" + r.sequence(),
        r.plan().component(),
        r.plan().method(),
        identity.agentId(),
        identity.host(),
        identity.pid(),
        r.thread(),
        r.startEpochMicros(),
        r.endEpochMicros(),
        r.durationNanos(),
        r.plan().codeVersion(),
        identity.gitCommit(),
        r.failed(),
        r.errorClass(),
        r.errorMessage(),
        r.inputs(),
        r.outputs(),
        unrecordedBefore);
  }

  private AgentStatsEvent stats(List<NamedCount> unrecorded) {
    Instant now = Instant.now();
    return new AgentStatsEvent(
        identity.agentId(),
        identity.host(),
        identity.pid(),
        now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000,
        AgentCounters.writtenCount(),
        AgentCounters.droppedCount(),
        AgentCounters.internalErrorCount(),
        unmatchedReport,
        AgentHealth.counts(),
        unrecorded);
  }
}
