package org.mltrace.agent.core.queue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.varhandle.MpscVarHandleArrayQueue;
import org.mltrace.agent.core.AgentCounters;
import org.mltrace.agent.core.AgentHealth;
import org.mltrace.agent.core.AgentLog;
import org.mltrace.agent.core.capture.CircuitBreaker;
import org.mltrace.agent.core.capture.CompletedRun;
import org.mltrace.agent.core.capture.ComponentSampler;
import org.mltrace.agent.core.capture.MethodPlan;
import org.mltrace.agent.core.capture.Samplers;
import org.mltrace.agent.event.AgentStatsEvent;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.EventCodec;
import org.mltrace.agent.event.NamedCount;
import org.mltrace.agent.event.RunEventEncoder;

/**
 * Moves events from the application's threads to the queue on disk.
 *
 * <p>{@link #submit} never blocks: a full buffer drops the event and counts it. The buffer is a
 * bounded multi-producer array queue (JCTools), so a call costs one compare-and-set and no
 * allocation. The writer thread drains it in batches, encodes each event and appends it, and
 * appends an {@link AgentStatsEvent} every {@value #STATS_INTERVAL_SECONDS} s and at close, so
 * drops and agent errors reach the collector. {@link #close} (from the JVM shutdown hook) lets the
 * thread write everything still buffered.
 *
 * <p>The queue is opened on a helper thread while the writer goes on draining: until it is open,
 * encoded events wait in a {@link StartupStage} (memory, then a spill file, both bounded in bytes),
 * so the calls of an application that is busy from its first second are kept rather than turned
 * away by the breaker; only once the stage takes runs faster than a serving rate does it hold the
 * breaker open ({@link StageBudget}).
 *
 * <p>Each agent start appends to its own Chronicle queue, the subdirectory {@code HOST-PID-AGENTID}
 * of the queue directory it was given, never to a queue another JVM writes: the collector keeps one
 * read position per queue, and a queue with one writer can be retired as a whole once drained. The
 * collector drains every such subdirectory of the directory it is given.
 */
public final class EventWriter {
  static final int STATS_INTERVAL_SECONDS = 30;

  /** How often the writer looks whether cycle files were deleted (see {@link QueueDiskUse}). */
  static final long DISK_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** {@code max_queue_mb} when the YAML does not say. */
  public static final long DEFAULT_MAX_QUEUE_MB = 1024;

  /** How long the writer sleeps when the buffer is empty: bounds the delay before a flush. */
  static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  /** What the {@link StartupStage} holds in memory: 8 MiB, some 40,000 small runs. */
  public static final long STARTUP_STAGE_BYTES = 8L << 20;

  /** What it spills to a file at most beyond that (and never more than {@code max_queue_mb}). */
  public static final long STARTUP_SPILL_BYTES = 256L << 20;

  /**
   * How long the writer appends from its start-up stage before it empties the buffer into the stage
   * again: at 50,000 calls a second, 250 runs arrive meanwhile.
   */
  static final long STAGE_TURN_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  /**
   * Events the writer appends through its stage before it appends straight from the buffer. The
   * first appends of a JVM are slow (see {@link #appendFromStage}), also when the queue opened long
   * before: a service that loads its model for a few seconds and then takes 50,000 calls a second
   * found the writer encoding and appending in the interpreter, and the buffer filled to the
   * breaker's mark in a third of a second. Through the stage, the writer keeps emptying the buffer
   * while the appends are slow; by this many, Chronicle's append path is compiled.
   */
  static final int WARM_APPENDS = 20_000;

  /** Events the writer takes from the buffer at a time. */
  static final int DRAIN_BATCH = 1024;

  /** The calling thread looks at the buffer's fill for the breaker once every this many runs. */
  static final int BREAKER_LOOK_EVERY = 64;

  private final MessagePassingQueue<Object> buffer;
  private final Path queueRoot;
  private final AgentIdentity identity;
  private final Samplers samplers;
  private final CircuitBreaker breaker;
  private final QueueDiskUse diskUse;
  private final StartupStage stage;
  private final StageBudget budget;
  private final SinkOpener opener;
  private final RunEventEncoder runEncoder;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile boolean stopped;
  private volatile String unmatchedReport;

  // The writer thread's own state.
  private Path queueDir;
  private FutureTask<ChronicleSink> opening;

  /** Set once the queue is open; from then on events are appended as they are drained. */
  private ChronicleSink sink;

  /** The queue could not be opened: run events are counted as dropped. */
  private boolean unavailable;

  /**
   * Events go to the stage: while the queue opens, and after, until the stage is appended (so that
   * nothing newer overtakes it) and {@value #WARM_APPENDS} events have been appended through it.
   */
  private boolean staging = true;

  /** Events appended from the stage so far. */
  private long appendedFromStage;

  private QueueFreeSpace freeSpace;

  /**
   * @param queueRoot the queue directory shared by the agents of this host; this writer appends to
   *     its subdirectory {@code HOST-PID-AGENTID}, creating both when needed
   * @param capacity how many events the buffer holds, rounded up to a power of two
   */
  public EventWriter(Path queueRoot, AgentIdentity identity, int capacity) {
    this(
        queueRoot,
        identity,
        capacity,
        new Samplers(),
        CircuitBreaker.never(),
        DEFAULT_MAX_QUEUE_MB << 20);
  }

  /**
   * @param samplers the components' samplers, whose unrecorded calls this writer carries into the
   *     events it appends
   * @param breaker opened by {@link #submit} when the buffer fills, closed by the writer thread
   *     once it has drained it
   * @param maxQueueBytes once this agent's queue holds this many bytes, run events are dropped and
   *     counted ({@code dropped_disk_cap}) until the collector's retention frees some
   */
  public EventWriter(
      Path queueRoot,
      AgentIdentity identity,
      int capacity,
      Samplers samplers,
      CircuitBreaker breaker,
      long maxQueueBytes) {
    this(
        queueRoot,
        identity,
        capacity,
        samplers,
        breaker,
        maxQueueBytes,
        STARTUP_STAGE_BYTES,
        Math.min(STARTUP_SPILL_BYTES, maxQueueBytes),
        StageBudget.servingRate(),
        ChronicleSink::open);
  }

  /** Opens the queue in a directory; tests hold it back to see what happens meanwhile. */
  interface SinkOpener {
    ChronicleSink open(Path dir) throws Exception;
  }

  EventWriter(
      Path queueRoot,
      AgentIdentity identity,
      int capacity,
      Samplers samplers,
      CircuitBreaker breaker,
      long maxQueueBytes,
      long stageBytes,
      long spillBytes,
      StageBudget budget,
      SinkOpener opener) {
    this.budget = budget;
    this.opener = opener;
    this.runEncoder =
        new RunEventEncoder(
            identity.agentId(), identity.host(), identity.pid(), identity.gitCommit());
    this.buffer = new MpscVarHandleArrayQueue<>(Math.max(2, capacity));
    this.queueRoot = queueRoot;
    this.identity = identity;
    this.samplers = samplers;
    this.breaker = breaker;
    this.diskUse = new QueueDiskUse(maxQueueBytes);
    this.stage = new StartupStage(stageBytes, spillBytes);
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
    if (stopped || !buffer.offer(item)) {
      if (item instanceof CompletedRun) {
        AgentCounters.dropped(AgentHealth.DROPPED_BUFFER_FULL);
        if (!stopped) {
          breaker.bufferFull();
        }
      }
      AgentLog.warnOnce(
          "buffer-full",
          "dropping runs: the event buffer is full or closed; the count is in the agent's stats");
      return;
    }
    // The fill is two reads of the writer's and the callers' indexes, on cache lines the writer
    // keeps changing: looking once every few runs is enough to open the breaker in time.
    if (!(item instanceof CompletedRun run) || run.sequence() % BREAKER_LOOK_EVERY == 0) {
      breaker.observe(buffer.size());
    }
  }

  /** Events waiting in the buffer (not yet taken by the writer thread). */
  int buffered() {
    return buffer.size();
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
      AgentLog.warn(
          "queue writer did not finish within "
              + timeoutMillis
              + " ms; "
              + (buffer.size() + stage.size())
              + " events not written");
    }
  }

  private void run() {
    try {
      queueDir = queueRoot.resolve(identity.queueName());
      opening = new FutureTask<>(() -> opener.open(queueDir));
      Thread openerThread = new Thread(opening, "mltrace-queue-open");
      openerThread.setDaemon(true);
      openerThread.setContextClassLoader(EventWriter.class.getClassLoader()); // as for this thread
      openerThread.start();
    } catch (Throwable t) {
      queueUnavailable(t);
    }
    long nextStats = System.nanoTime() + TimeUnit.SECONDS.toNanos(STATS_INTERVAL_SECONDS);
    long nextDiskCheck = System.nanoTime() + DISK_RECHECK_NANOS;
    try {
      while (true) {
        if (opening() && opening.isDone()) {
          opened();
        }
        int work;
        if (staging) {
          // The stage goes first, a batch at a time, while what the application makes meanwhile
          // joins its end: the buffer does not fill while a large stage is appended.
          work = sink != null ? appendFromStage(DRAIN_BATCH, STAGE_TURN_NANOS) : 0;
          work += drainIntoStage();
          boolean backlogAppended = sink != null && stage.isEmpty();
          if (backlogAppended && appendedFromStage >= WARM_APPENDS) {
            endStaging();
          }
          // Held while a backlog past the budget waits, released once it is appended; the budget
          // is not restarted, so a tight loop that resumes finds it still exceeded.
          breaker.hold(staging && budget.exceeded() && !backlogAppended);
        } else {
          work = buffer.drain(this::take, DRAIN_BATCH);
        }
        if (work > 0) {
          breaker.observe(buffer.size());
        } else if (stopping) {
          if (!opening()) {
            break;
          }
          awaitOpen();
        } else {
          LockSupport.parkNanos(IDLE_PARK_NANOS);
        }
        if (System.nanoTime() > nextDiskCheck) {
          diskUse.recheck();
          nextDiskCheck = System.nanoTime() + DISK_RECHECK_NANOS;
        }
        if (System.nanoTime() > nextStats) {
          writeStats();
          nextStats = System.nanoTime() + TimeUnit.SECONDS.toNanos(STATS_INTERVAL_SECONDS);
        }
      }
    } finally {
      stopped = true;
      if (opening()) {
        awaitOpen();
      }
      if (staging) {
        appendFromStage(Integer.MAX_VALUE, Long.MAX_VALUE);
        endStaging();
      }
      buffer.drain(this::take);
      writeStats();
      if (sink != null) {
        try {
          sink.close();
        } catch (Throwable t) {
          AgentLog.warn("closing the queue failed: " + t);
        }
      }
    }
  }

  /**
   * Up to the buffer's capacity, one event at a time, so that the stage stops at its bound: past
   * it, events wait in the buffer (and the breaker opens as it fills) until the queue is open.
   *
   * <p>The whole buffer, not a batch: once the queue is open, Chronicle's first appends are far
   * slower than staging a run (see {@link #appendFromStage}), and a service at 50,000 calls a
   * second filled three quarters of the buffer, opening the breaker, while the writer took from it
   * only as many runs as it appended. Emptying the buffer into the stage each time round keeps the
   * breaker closed; the stage, bounded in bytes, absorbs the backlog until the appends run
   * compiled.
   */
  private int drainIntoStage() {
    int max = buffer.capacity();
    int drained = 0;
    while (drained < max && !stage.full() && buffer.drain(this::take, 1) == 1) {
      drained++;
    }
    return drained;
  }

  /** True while the queue is being opened. */
  private boolean opening() {
    return sink == null && !unavailable;
  }

  private void awaitOpen() {
    try {
      opening.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // reported by opened()
    }
    opened();
  }

  /** The opening has ended: take the sink, or note the failure (the stage is then dropped). */
  private void opened() {
    try {
      sink = opening.get();
      freeSpace = QueueFreeSpace.of(queueDir);
    } catch (Throwable t) {
      queueUnavailable(
          t instanceof ExecutionException e && e.getCause() != null ? e.getCause() : t);
      appendFromStage(Integer.MAX_VALUE, Long.MAX_VALUE); // counts each staged run as dropped
      endStaging();
    }
  }

  /**
   * Appends up to {@code max} staged events, oldest first, for at most about {@code maxNanos};
   * returns how many. The first appends after the queue opens take 100 to 250 µs each on a busy
   * 2-core machine (Chronicle loading and running its append path in the interpreter, the new cycle
   * file's first pages), so a batch is cut short in time for the buffer to be emptied into the
   * stage.
   */
  private int appendFromStage(int max, long maxNanos) {
    int appended = 0;
    long start = System.nanoTime();
    try {
      for (StartupStage.Staged s;
          appended < max
              // the clock every 16 appends: a compiled append takes 1-3 µs, a clock read 20-35 ns
              && (appended % 16 != 0 || System.nanoTime() - start < maxNanos)
              && (s = stage.poll()) != null;
          appended++) {
        if (s.isRun()) {
          appendRun(s.bytes(), s.bytes().length, s.sampler(), s.carried());
        } else {
          appendEvent(s.bytes());
        }
      }
    } catch (Throwable t) {
      // The spill file could not be read back: what it still held is lost, counted as one failure.
      AgentCounters.internalError(AgentHealth.APPEND_FAILED);
      AgentLog.warn(
          "runs made while the queue opened were lost reading them back from the spill file: " + t);
    }
    appendedFromStage += appended;
    return appended;
  }

  /**
   * From now on events are appended as they are drained; the spill file, if any, is deleted, and
   * the stage no longer holds the breaker open (also when the queue failed to open).
   */
  private void endStaging() {
    staging = false;
    stage.close();
    breaker.hold(false);
  }

  private void queueUnavailable(Throwable t) {
    unavailable = true;
    AgentHealth.count(AgentHealth.QUEUE_UNAVAILABLE);
    AgentLog.warn(
        "cannot open the queue at "
            + (queueDir != null ? queueDir : queueRoot)
            + " ("
            + t
            + "); runs are counted as dropped");
  }

  /** Encodes one drained item, then appends it, or stages it while the queue opens. */
  private void take(Object item) {
    try {
      if (item instanceof CompletedRun run) {
        if (unavailable) {
          AgentCounters.dropped(AgentHealth.DROPPED_QUEUE_UNAVAILABLE);
          return;
        }
        ComponentSampler sampler = run.plan().sampler();
        long unrecorded = sampler.pendingUnrecorded();
        encode(run, unrecorded);
        sampler.markCarried(unrecorded); // given back by appendRun if the event is not appended
        if (staging) {
          budget.staged(run.startEpochMicros());
          stageRun(new StartupStage.Staged(runEncoder.toByteArray(), sampler, unrecorded));
        } else {
          appendRun(runEncoder.array(), runEncoder.length(), sampler, unrecorded);
        }
      } else if (!unavailable) {
        byte[] event = EventCodec.encode((Event) item);
        if (staging) {
          stage.add(new StartupStage.Staged(event, null, 0));
        } else {
          appendEvent(event);
        }
      }
    } catch (Throwable t) {
      // An event that cannot be encoded is lost, but counted and reported once.
      if (item instanceof CompletedRun) {
        AgentCounters.dropped(AgentHealth.DROPPED_QUEUE_UNAVAILABLE);
      }
      AgentCounters.internalError(AgentHealth.APPEND_FAILED);
      AgentLog.warnOnce("encode", "cannot encode an event for the queue at " + queueDir + ": " + t);
    }
  }

  private void stageRun(StartupStage.Staged run) {
    try {
      stage.add(run);
    } catch (IllegalStateException spillUnusable) {
      AgentCounters.dropped(AgentHealth.DROPPED_QUEUE_UNAVAILABLE);
      run.sampler().markCarried(-run.carried());
    }
  }

  /**
   * Appends a run event, unless the queue is unusable, at {@code max_queue_mb} or its disk full.
   */
  private void appendRun(byte[] event, int length, ComponentSampler sampler, long carried) {
    if (sink == null) {
      AgentCounters.dropped(AgentHealth.DROPPED_QUEUE_UNAVAILABLE);
      sampler.markCarried(-carried);
      return;
    }
    if (diskUse.full()) {
      AgentCounters.dropped(AgentHealth.DROPPED_DISK_CAP);
      sampler.markCarried(-carried);
      AgentLog.warnOnce(
          "disk-cap",
          "the queue at "
              + queueDir
              + " holds max_queue_mb ("
              + (diskUse.capBytes() >> 20)
              + " MiB) of this agent's events, not yet deleted by the collector's retention: dropping runs (counted) until it does");
      return;
    }
    if (freeSpace.low(length)) {
      AgentCounters.dropped(AgentHealth.DROPPED_DISK_FULL);
      sampler.markCarried(-carried);
      AgentLog.warnOnce(
          "disk-full",
          "the disk of the queue at "
              + queueDir
              + " has "
              + (freeSpace.lastFree() >> 10)
              + " KiB free, less than the "
              + (QueueFreeSpace.MIN_FREE_BYTES >> 20)
              + " MiB the agent leaves: dropping runs (counted) until there is room again");
      return;
    }
    try {
      append(event, length);
      AgentCounters.written();
    } catch (Throwable t) {
      // Disk full or a broken queue: the run is lost, but counted and reported once.
      AgentCounters.dropped(AgentHealth.DROPPED_QUEUE_UNAVAILABLE);
      sampler.markCarried(-carried);
      appendFailed(t);
    }
  }

  /** Small and rare events (components, tasks): never held back by the cap. */
  private void appendEvent(byte[] event) {
    if (sink == null) {
      return;
    }
    try {
      append(event, event.length);
    } catch (Throwable t) {
      appendFailed(t);
    }
  }

  private void appendFailed(Throwable t) {
    AgentCounters.internalError(AgentHealth.APPEND_FAILED);
    AgentLog.warnOnce("append", "cannot append to the queue at " + queueDir + ": " + t);
  }

  /**
   * The stats, carrying the unrecorded calls no run has carried; they count as carried once
   * appended.
   */
  private void writeStats() {
    if (sink == null) {
      return; // still opening (the stats come later) or unavailable (the counts go to the log at
      // exit)
    }
    List<ComponentSampler> carrying = new ArrayList<>();
    List<NamedCount> unrecorded = new ArrayList<>();
    for (ComponentSampler s : samplers.all()) {
      long pending = s.pendingUnrecorded();
      if (pending > 0) {
        carrying.add(s);
        unrecorded.add(new NamedCount(s.component(), pending));
      }
    }
    try {
      byte[] stats = EventCodec.encode(stats(unrecorded));
      append(stats, stats.length);
      for (int i = 0; i < carrying.size(); i++) {
        carrying.get(i).markCarried(unrecorded.get(i).count());
      }
    } catch (Throwable t) {
      appendFailed(t);
    }
  }

  private void append(byte[] bytes, int length) {
    sink.append(bytes, length);
    diskUse.appended(sink.cycle(), sink::currentFile, length);
  }

  private void encode(CompletedRun r, long unrecordedBefore) {
    MethodPlan plan = r.plan();
    runEncoder.encode(
        r.sequence(),
        plan.component(),
        plan.method(),
        r.thread(),
        r.startEpochMicros(),
        r.endEpochMicros(),
        r.durationNanos(),
        plan.codeVersion(),
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
