package org.mltrace.agent.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.core.AgentCounters;
import org.mltrace.agent.core.AgentHealth;
import org.mltrace.agent.core.capture.CircuitBreaker;
import org.mltrace.agent.core.capture.CompletedRun;
import org.mltrace.agent.core.capture.MethodPlan;
import org.mltrace.agent.core.capture.MethodRegistry;
import org.mltrace.agent.core.capture.ObjectIds;
import org.mltrace.agent.core.capture.RunRecorder;
import org.mltrace.agent.core.capture.SampleSpec;
import org.mltrace.agent.core.capture.Samplers;
import org.mltrace.agent.core.capture.ValueEncoder;
import org.mltrace.agent.event.AgentStatsEvent;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ComponentEvent;
import org.mltrace.agent.event.Event;
import org.mltrace.agent.event.EventCodec;
import org.mltrace.agent.event.NamedCount;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.agent.event.ValueKind;

class EventWriterTest {
  private static final MethodPlan TRAIN =
      new MethodPlan(
          "train", "com.acme.Trainer#fit(I)Lcom/acme/Model;", "0123456789abcdef", List.of());
  private static final MethodPlan CLEAN =
      new MethodPlan(
          "clean", "com.acme.Cleaner#clean(Ljava/nio/file/Path;)V", "fedcba9876543210", List.of());

  @TempDir Path dir;

  @Test
  void runsAreAppendedInOrderWithTheIdentityAndEndWithTheStats() throws Exception {
    Path queue = dir.resolve("queue");
    AgentIdentity identity = new AgentIdentity("agentA", 4242, "c0ffee");
    EventWriter writer = new EventWriter(queue, identity, 100);
    long writtenBefore = AgentCounters.writtenCount();

    ComponentEvent component =
        new ComponentEvent(
            "train", "Fit it", "ml-team", List.of("taxi"), List.of("com.acme.Trainer#fit(int)"));
    List<CompletedRun> runs = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      runs.add(run(i % 2 == 0 ? CLEAN : TRAIN, i));
    }
    writer.submit(component);
    writer.submit(runs.get(0));
    writer.submit(runs.get(1));
    writer.start();
    for (CompletedRun r : runs.subList(2, 5)) {
      writer.submit(r);
    }
    writer.setUnmatchedReport("component 'x': 'a.B#c()' matched no method");
    writer.close(10_000);

    Path own = queue.resolve(identity.host().replaceAll("[^A-Za-z0-9._-]", "_") + "-4242-agentA");
    try (var dirs = Files.list(queue)) {
      assertEquals(
          List.of(own), dirs.toList(), "the agent writes to its own HOST-PID-AGENTID queue");
    }
    List<Event> events = readAll(own);
    assertEquals(7, events.size(), events.toString());
    assertEquals(component, events.get(0));
    for (int i = 0; i < 5; i++) {
      CompletedRun r = runs.get(i);
      RunEvent expected =
          new RunEvent(
              "agentA-" + (i + 1),
              r.plan().component(),
              r.plan().method(),
              "agentA",
              identity.host(),
              4242,
              r.thread(),
              r.startEpochMicros(),
              r.endEpochMicros(),
              r.durationNanos(),
              r.plan().codeVersion(),
              "c0ffee",
              r.failed(),
              r.errorClass(),
              r.errorMessage(),
              r.inputs(),
              r.outputs());
      assertEquals(expected, events.get(i + 1), "run " + (i + 1));
    }
    AgentStatsEvent stats = assertInstanceOf(AgentStatsEvent.class, events.get(6));
    assertEquals("agentA", stats.agentId());
    assertEquals(identity.host(), stats.host());
    assertEquals(4242, stats.pid());
    assertEquals(writtenBefore + 5, stats.eventsWritten());
    assertEquals(writtenBefore + 5, AgentCounters.writtenCount());
    assertEquals("component 'x': 'a.B#c()' matched no method", stats.unmatchedMethods());
  }

  @Test
  void unrecordedCallsAreCarriedByTheNextRunAndTheRestByTheFinalStats() throws Exception {
    Path queue = dir.resolve("queue");
    Samplers samplers = new Samplers();
    samplers.declare("score", SampleSpec.fraction(Double.MIN_VALUE));
    samplers.declare("rare", SampleSpec.fraction(Double.MIN_VALUE));
    MethodRegistry registry = new MethodRegistry();
    MethodPlan score =
        new MethodPlan(
            "score", "com.acme.S#score(I)I", "v1", List.of(), true, samplers.of("score"));
    int scoreId = registry.register(score);
    int rareId =
        registry.register(
            new MethodPlan(
                "rare", "com.acme.S#rare()V", "v1", List.of(), true, samplers.of("rare")));
    EventWriter writer =
        new EventWriter(
            queue,
            new AgentIdentity("agentS", 7, null),
            100,
            samplers,
            CircuitBreaker.never(),
            1L << 30);
    RunRecorder recorder =
        new RunRecorder(registry, new ValueEncoder("agentS", new ObjectIds(), 256), writer::submit);

    for (int i = 0; i < 5; i++) {
      recorder.exit(recorder.enter(scoreId, new Object[0]), new Object[0]); // not recorded, counted
    }
    for (int i = 0; i < 3; i++) {
      recorder.exit(recorder.enter(rareId, new Object[0]), new Object[0]);
    }
    writer.submit(run(score, 1)); // the one score call that was recorded
    writer.start();
    writer.close(10_000);

    try (var dirs = Files.list(queue)) {
      List<Event> events = readAll(dirs.findFirst().orElseThrow());
      assertEquals(5, assertInstanceOf(RunEvent.class, events.get(0)).unrecordedBefore());
      AgentStatsEvent stats =
          assertInstanceOf(AgentStatsEvent.class, events.get(events.size() - 1));
      assertEquals(
          List.of(new NamedCount("rare", 3)),
          stats.unrecorded(),
          "what no run carried, at shutdown");
    }
    assertEquals(0, samplers.of("score").pendingUnrecorded());
    assertEquals(0, samplers.of("rare").pendingUnrecorded());
  }

  @Test
  void submitsBeyondCapacityAreDroppedAndCounted() {
    EventWriter writer =
        new EventWriter(dir.resolve("queue"), new AgentIdentity("agentB", 1, null), 2);
    long droppedBefore = AgentCounters.droppedCount();
    for (int i = 1; i <= 5; i++) {
      writer.submit(run(TRAIN, i));
    }
    assertEquals(droppedBefore + 3, AgentCounters.droppedCount());
    writer.submit(new ComponentEvent("train", null, null, List.of(), List.of()));
    assertEquals(droppedBefore + 3, AgentCounters.droppedCount(), "only runs count as dropped");
  }

  @Test
  void aRunTurnedAwayByTheFullBufferStopsTheBreakerRecordingAnything() {
    CircuitBreaker breaker = new CircuitBreaker(4);
    EventWriter writer =
        new EventWriter(
            dir.resolve("queue"),
            new AgentIdentity("agentB2", 1, null),
            4,
            new Samplers(),
            breaker,
            1L << 30);
    for (int i = 1; i <= 4; i++) {
      writer.submit(run(TRAIN, i));
    }
    assertTrue(!breaker.isFull(), "a full buffer that turned nothing away");
    writer.submit(run(TRAIN, 5));
    assertTrue(breaker.isOpen() && breaker.isFull(), "the fifth run was turned away");
  }

  @Test
  void submitsAfterCloseAreDroppedAndCounted() throws Exception {
    EventWriter writer =
        new EventWriter(dir.resolve("queue"), new AgentIdentity("agentC", 1, null), 10);
    writer.start();
    writer.close(10_000);
    long droppedBefore = AgentCounters.droppedCount();
    writer.submit(run(TRAIN, 1));
    assertEquals(droppedBefore + 1, AgentCounters.droppedCount());
  }

  @Test
  void aQueueThatCannotBeOpenedCountsEveryRunAsDropped() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("file"), "in the way");
    EventWriter writer =
        new EventWriter(notADirectory.resolve("queue"), new AgentIdentity("agentD", 1, null), 10);
    long droppedBefore = AgentCounters.droppedCount();
    long writtenBefore = AgentCounters.writtenCount();
    writer.submit(run(TRAIN, 1));
    writer.submit(run(TRAIN, 2));
    writer.start();
    writer.close(10_000);
    assertEquals(droppedBefore + 2, AgentCounters.droppedCount());
    assertEquals(writtenBefore, AgentCounters.writtenCount());
  }

  @Test
  void theStatsEventCarriesEveryFailureKindCountedSoFar() throws Exception {
    // Failures of three kinds, each for real: a queue that cannot be opened (its two runs
    // dropped), a field path to a missing field, a value whose encoding throws.
    EventWriter broken =
        new EventWriter(
            Files.writeString(dir.resolve("file"), "x").resolve("q"),
            new AgentIdentity("agentE", 1, null),
            10);
    broken.submit(run(TRAIN, 1));
    broken.submit(run(TRAIN, 2));
    broken.start();
    broken.close(10_000);
    org.mltrace.agent.core.capture.FieldPath.of("model.wieghts").read(new Object());
    Object failingPath =
        java.lang.reflect.Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Path.class},
            (proxy, method, args) -> {
              throw new IllegalStateException("an application Path that fails");
            });
    assertEquals(
        ValueKind.ERROR,
        new ValueEncoder("agentE", new ObjectIds(), 256).encode("file", failingPath).kind());

    Path queue = dir.resolve("queue");
    EventWriter writer = new EventWriter(queue, new AgentIdentity("agentF", 1, null), 10);
    writer.start();
    writer.close(10_000);
    AgentStatsEvent stats;
    try (var dirs = Files.list(queue)) {
      List<Event> events = readAll(dirs.findFirst().orElseThrow());
      stats = assertInstanceOf(AgentStatsEvent.class, events.get(events.size() - 1));
    }
    for (AgentHealth kind :
        List.of(
            AgentHealth.QUEUE_UNAVAILABLE,
            AgentHealth.DROPPED_QUEUE_UNAVAILABLE,
            AgentHealth.FIELD_MISSING,
            AgentHealth.ENCODER_FAILED)) {
      assertTrue(kind.total() > 0, kind.key());
      assertEquals(kind.total(), stats.healthCount(kind.key()), kind.key());
    }
    assertTrue(AgentHealth.DROPPED_QUEUE_UNAVAILABLE.total() >= 2);
    assertEquals(
        AgentHealth.counts(), stats.health(), "every kind that happened, in declaration order");
  }

  @Test
  void pastMaxQueueBytesRunsAreDroppedAndCountedButTheStatsStillWritten() throws Exception {
    Path queue = dir.resolve("queue");
    int runBytes =
        EventCodec.encode(
                new RunEvent(
                    "agentG-1",
                    "train",
                    TRAIN.method(),
                    "agentG",
                    "h",
                    1,
                    "worker-1",
                    0,
                    0,
                    0,
                    null,
                    null,
                    false,
                    null,
                    null,
                    run(TRAIN, 1).inputs(),
                    run(TRAIN, 1).outputs()))
            .length;
    // Room for about three runs.
    EventWriter writer =
        new EventWriter(
            queue,
            new AgentIdentity("agentG", 1, null),
            100,
            new Samplers(),
            CircuitBreaker.never(),
            3L * runBytes);
    long capDrops = AgentHealth.DROPPED_DISK_CAP.total();
    long dropped = AgentCounters.droppedCount();
    for (int i = 1; i <= 10; i++) {
      writer.submit(run(TRAIN, i));
    }
    writer.start();
    writer.close(10_000);

    try (var dirs = Files.list(queue)) {
      List<Event> events = readAll(dirs.findFirst().orElseThrow());
      long runs = events.stream().filter(e -> e instanceof RunEvent).count();
      assertTrue(runs >= 2 && runs <= 4, runs + " runs kept under the cap");
      assertEquals(
          10 - runs,
          AgentHealth.DROPPED_DISK_CAP.total() - capDrops,
          "every other run counted as dropped");
      assertEquals(10 - runs, AgentCounters.droppedCount() - dropped);
      AgentStatsEvent stats =
          assertInstanceOf(AgentStatsEvent.class, events.get(events.size() - 1));
      assertEquals(
          AgentHealth.DROPPED_DISK_CAP.total(),
          stats.healthCount("dropped_disk_cap"),
          "the stats are written past the cap");
    }
  }

  private static CompletedRun run(MethodPlan plan, long sequence) {
    long start = 1_700_000_000_000_000L + sequence * 1_000;
    boolean failed = sequence == 3;
    return new CompletedRun(
        plan,
        sequence,
        start,
        start + 500,
        500_123L + sequence,
        "worker-" + sequence,
        failed,
        failed ? "java.lang.IllegalStateException" : null,
        failed ? "bad rows" : null,
        List.of(
            new CapturedValue(
                "epochs", ValueKind.LONG, String.valueOf(sequence), null, "java.lang.Integer", -1)),
        List.of(
            new CapturedValue(
                "return",
                ValueKind.POINTER,
                "mem://agentA/com.acme.Model@" + sequence,
                "model",
                "com.acme.Model",
                -1)));
  }

  /** Every document in the queue, decoded, in order. */
  static List<Event> readAll(Path queue) {
    List<Event> events = new ArrayList<>();
    try (ChronicleQueue q = SingleChronicleQueueBuilder.single(queue.toFile()).build()) {
      ExcerptTailer tailer = q.createTailer();
      while (true) {
        try (DocumentContext dc = tailer.readingDocument()) {
          if (!dc.isPresent()) {
            break;
          }
          Bytes<?> bytes = dc.wire().bytes();
          byte[] data = new byte[(int) bytes.readRemaining()];
          bytes.read(data);
          Event event = EventCodec.decode(data);
          assertNotNull(event);
          events.add(event);
        }
      }
    }
    return events;
  }
}
