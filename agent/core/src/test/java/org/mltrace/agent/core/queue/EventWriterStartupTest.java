package org.mltrace.agent.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.core.AgentCounters;
import org.mltrace.agent.core.AgentHealth;
import org.mltrace.agent.core.capture.CircuitBreaker;
import org.mltrace.agent.core.capture.CompletedRun;
import org.mltrace.agent.core.capture.MethodPlan;
import org.mltrace.agent.core.capture.Samplers;
import org.mltrace.agent.event.AgentStatsEvent;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.EventCodec;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.agent.event.ValueKind;

/** What the writer does with the calls made while its queue is still opening. */
class EventWriterStartupTest {
  private static final MethodPlan STEP =
      new MethodPlan("step", "app.Serve#step(ID)D", "0123456789abcdef", List.of());

  @TempDir Path dir;

  @Test
  void runsMadeWhileTheQueueOpensAreEncodedIntoTheStageAndAppendedFirstInOrder() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    EventWriter writer = writer("agentS1", 1024, EventWriter.STARTUP_STAGE_BYTES, 0, release);
    long writtenBefore = AgentCounters.writtenCount();
    writer.submit(
        new ComponentEvent("step", null, null, List.of(), List.of("app.Serve#step(int, double)")));
    writer.start();
    // 5,000 runs through a buffer of 1,024: only possible if the writer stages them meanwhile.
    for (int i = 1; i <= 5_000; i++) {
      submitWhenRoom(writer, run(i));
    }
    awaitEmptyBuffer(writer);
    assertEquals(
        writtenBefore,
        AgentCounters.writtenCount(),
        "nothing is appended before the queue is open");

    release.countDown();
    writer.close(10_000);

    List<Event> events = readAll(dir.resolve("queue"));
    assertInstanceOf(ComponentEvent.class, events.get(0), "the component first, as submitted");
    for (int i = 1; i <= 5_000; i++) {
      RunEvent run = assertInstanceOf(RunEvent.class, events.get(i));
      assertEquals("agentS1-" + i, run.runId(), "in submission order");
    }
    assertInstanceOf(AgentStatsEvent.class, events.get(events.size() - 1));
    assertEquals(5_002, events.size());
    assertEquals(writtenBefore + 5_000, AgentCounters.writtenCount());
  }

  @Test
  void aFullStageLeavesRunsInTheBufferUntilTheQueueIsOpen() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CompletedRun first = run(1);
    int runBytes =
        EventCodec.encode(
                new RunEvent(
                    "agentS2-1",
                    "step",
                    STEP.method(),
                    "agentS2",
                    new AgentIdentity("agentS2", 1, null).host(),
                    1,
                    first.thread(),
                    first.startEpochMicros(),
                    first.endEpochMicros(),
                    first.durationNanos(),
                    STEP.codeVersion(),
                    null,
                    false,
                    null,
                    null,
                    first.inputs(),
                    first.outputs(),
                    0))
            .length;
    // Room for about ten runs in the stage; the buffer holds the other 90.
    EventWriter writer = writer("agentS2", 128, 10L * runBytes, 0, release);
    writer.start();
    for (int i = 1; i <= 100; i++) {
      writer.submit(run(i));
    }
    assertTrue(
        waitUntil(() -> writer.buffered() <= 100 - 10), "the writer stages runs up to the bound");
    Thread.sleep(200);
    int left = writer.buffered();
    assertTrue(
        left >= 100 - 11 && left <= 100 - 10,
        left + " runs still in the buffer: the stage stops at its bound");

    release.countDown();
    writer.close(10_000);
    long runs = readAll(dir.resolve("queue")).stream().filter(e -> e instanceof RunEvent).count();
    assertEquals(100, runs, "every run appended once the queue opened");
  }

  @Test
  void pastTheMemoryBoundRunsSpillToAFileThatIsAppendedInOrderAndThenDeleted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    // Room for a few hundred runs in memory; the other 20,000 go to the spill file.
    EventWriter writer = writer("agentS4", 1024, 64 << 10, 64L << 20, release);
    long writtenBefore = AgentCounters.writtenCount();
    writer.start();
    for (int i = 1; i <= 20_000; i++) {
      submitWhenRoom(writer, run(i));
    }
    awaitEmptyBuffer(writer);
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> spills;
    try (var files = Files.list(tmp)) {
      spills =
          files.filter(f -> f.getFileName().toString().startsWith("mltrace-startup-")).toList();
    }
    assertTrue(!spills.isEmpty(), "a spill file while the queue opens");
    assertEquals(
        writtenBefore,
        AgentCounters.writtenCount(),
        "nothing is appended before the queue is open");

    release.countDown();
    writer.close(10_000);

    List<Event> events = readAll(dir.resolve("queue"));
    for (int i = 1; i <= 20_000; i++) {
      RunEvent run = assertInstanceOf(RunEvent.class, events.get(i - 1));
      assertEquals(
          "agentS4-" + i, run.runId(), "memory first, then the spill file, in submission order");
    }
    assertEquals(writtenBefore + 20_000, AgentCounters.writtenCount());
    for (Path spill : spills) {
      assertTrue(Files.notExists(spill), spill + " deleted once appended");
    }
  }

  @Test
  void aStageTakingRunsFasterThanItsBudgetHoldsTheBreakerOpenUntilAppended() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CircuitBreaker breaker = new CircuitBreaker(1024);
    // No rate: a hundred runs, then the breaker.
    EventWriter writer =
        writer(
            "agentS5",
            1024,
            breaker,
            new StageBudget(0, 100),
            EventWriter.STARTUP_STAGE_BYTES,
            0,
            release);
    writer.start();
    for (int i = 1; i <= 100; i++) {
      writer.submit(run(i));
    }
    awaitEmptyBuffer(writer);
    assertTrue(!breaker.isOpen(), "within the budget, the breaker stays closed");
    writer.submit(run(101));
    assertTrue(waitUntil(breaker::isOpen), "past it, held open with the buffer empty");

    release.countDown();
    assertTrue(waitUntil(() -> !breaker.isOpen()), "released once the stage is appended");
    writer.close(10_000);
    long runs = readAll(dir.resolve("queue")).stream().filter(e -> e instanceof RunEvent).count();
    assertEquals(101, runs, "the runs already staged are all appended");
  }

  @Test
  void whileTheFirstAppendsAreSlowTheBufferIsStillEmptiedIntoTheStage() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CircuitBreaker breaker = new CircuitBreaker(4096);
    EventWriter writer = writerWithSlowFirstAppends("agentS6", breaker, release);
    writer.start();
    for (int i = 1; i <= 3_000; i++) {
      submitWhenRoom(writer, run(i));
    }
    awaitEmptyBuffer(writer);

    release.countDown();
    // A service at 20,000 calls a second while the stage is appended: 6,000 runs in 0.3 s, where
    // the first 1,024 appends alone take 0.26 s and the breaker opens at 3,072 buffered runs (a
    // margin of 0.15 s for a writer descheduled on a busy machine).
    boolean breakerOpened = serveTwentyThousandASecond(writer, breaker, 3_001, 9_000);
    writer.close(10_000);

    assertFalse(breakerOpened, "the buffer never reached the breaker's high-water mark");
    assertRunsInOrder("agentS6", 9_000);
  }

  @Test
  void aServiceStartingLongAfterTheQueueOpenedIsStagedWhileTheFirstAppendsAreSlow()
      throws Exception {
    CountDownLatch release = new CountDownLatch(0); // the queue opens at once
    CircuitBreaker breaker = new CircuitBreaker(4096);
    EventWriter writer = writerWithSlowFirstAppends("agentS7", breaker, release);
    writer.start();
    Thread.sleep(300); // the service loads its model: the queue is open, nothing appended yet

    boolean breakerOpened = serveTwentyThousandASecond(writer, breaker, 1, 6_000);
    writer.close(10_000);

    assertFalse(breakerOpened, "the buffer never reached the breaker's high-water mark");
    assertRunsInOrder("agentS7", 6_000);
  }

  /**
   * Its first 2,000 appends take 250 µs or more each, as Chronicle's in a fresh JVM on a busy
   * machine; the writer sleeps meanwhile, leaving the cores to the test.
   */
  private EventWriter writerWithSlowFirstAppends(
      String agentId, CircuitBreaker breaker, CountDownLatch release) {
    AtomicInteger appends = new AtomicInteger();
    return new EventWriter(
        dir.resolve("queue"),
        new AgentIdentity(agentId, 1, null),
        4096,
        new Samplers(),
        breaker,
        1L << 30,
        EventWriter.STARTUP_STAGE_BYTES,
        0,
        StageBudget.servingRate(),
        d -> {
          release.await();
          return new ChronicleSink(SingleChronicleQueueBuilder.single(d.toFile()).build()) {
            @Override
            void append(byte[] event, int length) {
              if (appends.getAndIncrement() < 2_000) {
                LockSupport.parkNanos(250_000);
              }
              super.append(event, length);
            }
          };
        });
  }

  /** Submits runs {@code first} to {@code last} 50 µs apart; whether the breaker was seen open. */
  private static boolean serveTwentyThousandASecond(
      EventWriter writer, CircuitBreaker breaker, int first, int last) {
    boolean breakerOpened = false;
    long start = System.nanoTime();
    for (int i = first; i <= last; i++) {
      spin(start + (i - first) * 50_000L - System.nanoTime());
      writer.submit(run(i));
      breakerOpened |= breaker.isOpen();
    }
    return breakerOpened;
  }

  private void assertRunsInOrder(String agentId, int runs) throws Exception {
    List<String> runIds =
        readAll(dir.resolve("queue")).stream()
            .filter(e -> e instanceof RunEvent)
            .map(e -> ((RunEvent) e).runId())
            .toList();
    assertEquals(runs, runIds.size(), "no run dropped");
    for (int i = 1; i <= runs; i++) {
      assertEquals(agentId + "-" + i, runIds.get(i - 1), "in submission order");
    }
  }

  @Test
  void whenTheQueueFailsToOpenTheStagedRunsAreDroppedAndCounted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    EventWriter writer =
        new EventWriter(
            dir.resolve("queue"),
            new AgentIdentity("agentS3", 1, null),
            64,
            new Samplers(),
            CircuitBreaker.never(),
            1L << 30,
            EventWriter.STARTUP_STAGE_BYTES,
            0,
            StageBudget.servingRate(),
            d -> {
              release.await();
              throw new java.io.IOException("no room for a queue here");
            });
    long dropped = AgentHealth.DROPPED_QUEUE_UNAVAILABLE.total();
    writer.start();
    for (int i = 1; i <= 20; i++) {
      writer.submit(run(i));
    }
    awaitEmptyBuffer(writer);
    release.countDown();
    writer.close(10_000);
    assertEquals(
        20,
        AgentHealth.DROPPED_QUEUE_UNAVAILABLE.total() - dropped,
        "each staged run counted as dropped");
  }

  private EventWriter writer(
      String agentId, int capacity, long stageBytes, long spillBytes, CountDownLatch release) {
    return writer(
        agentId,
        capacity,
        CircuitBreaker.never(),
        StageBudget.servingRate(),
        stageBytes,
        spillBytes,
        release);
  }

  private EventWriter writer(
      String agentId,
      int capacity,
      CircuitBreaker breaker,
      StageBudget budget,
      long stageBytes,
      long spillBytes,
      CountDownLatch release) {
    return new EventWriter(
        dir.resolve("queue"),
        new AgentIdentity(agentId, 1, null),
        capacity,
        new Samplers(),
        breaker,
        1L << 30,
        stageBytes,
        spillBytes,
        budget,
        d -> {
          release.await();
          return ChronicleSink.open(d);
        });
  }

  private static void spin(long nanos) {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }

  private static void submitWhenRoom(EventWriter writer, CompletedRun run)
      throws InterruptedException {
    while (writer.buffered() >= 1000) {
      Thread.sleep(1);
    }
    writer.submit(run);
  }

  private static void awaitEmptyBuffer(EventWriter writer) throws InterruptedException {
    assertTrue(
        waitUntil(() -> writer.buffered() == 0),
        "the writer drains the buffer while the queue opens");
  }

  private static boolean waitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  private static CompletedRun run(long sequence) {
    return new CompletedRun(
        STEP,
        sequence,
        1_700_000_000_000_000L + sequence,
        1_700_000_000_000_010L + sequence,
        9_000,
        "main",
        false,
        null,
        null,
        List.of(
            new CapturedValue("i", ValueKind.LONG, Long.toString(sequence), null, null, -1),
            new CapturedValue("x", ValueKind.DOUBLE, "0.5", null, null, -1)),
        List.of(new CapturedValue("return", ValueKind.DOUBLE, "0.25", null, null, -1)));
  }

  /** Every document of the writer's one queue, decoded, in order. */
  private static List<Event> readAll(Path root) throws Exception {
    try (var dirs = Files.list(root)) {
      return EventWriterTest.readAll(dirs.findFirst().orElseThrow());
    }
  }
}
