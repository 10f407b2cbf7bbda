package org.mltrace.collector.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.collector.testing.RunBuilder.run;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.event.RunEvent;
import org.mltrace.collector.testing.RunBuilder;

class DependencyResolverTest {
  private final DependencyResolver resolver = new DependencyResolver();
  private final InMemoryLineageIndex index = new InMemoryLineageIndex();

  /** Stores runs in the given order, applying both resolver methods like the ingest does. */
  private void store(RunEvent... runs) {
    for (RunEvent r : runs) {
      index.add(r);
      resolver.dependenciesOf(r, index).forEach(index::link);
      resolver.relinksFor(r, index).forEach(index::link);
    }
  }

  @Test
  void anOverwrittenFileDoesNotLinkToTheProducerOfItsOlderContent() {
    // prep wrote version A; something outside mltrace's view overwrote the file with B.
    RunEvent prep =
        run("p", "prep").at(0, 1).writesVersion("out", "/data/f.csv", "xxh64:aaaa").build();
    RunEvent train =
        run("c", "train").at(5, 6).readsVersion("in", "/data/f.csv", "xxh64:bbbb").build();
    store(prep, train);
    assertTrue(index.links.isEmpty(), index.links.toString());
  }

  @Test
  void theLatestProducerOfTheSameContentWinsOverALaterOneOfOtherContent() {
    RunEvent a =
        run("p1", "prep").at(0, 1).writesVersion("out", "/data/f.csv", "xxh64:aaaa").build();
    RunEvent b =
        run("p2", "prep").at(2, 3).writesVersion("out", "/data/f.csv", "xxh64:bbbb").build();
    RunEvent readsA =
        run("c", "train").at(5, 6).readsVersion("in", "/data/f.csv", "xxh64:aaaa").build();
    store(a, b, readsA);
    assertEquals(
        List.of(new Dependency("c", "p1", "/data/f.csv")), resolver.dependenciesOf(readsA, index));
  }

  @Test
  void fingerprintsAreComparedWhateverTheArrivalOrder() {
    RunEvent a =
        run("p1", "prep").at(0, 1).writesVersion("out", "/data/f.csv", "xxh64:aaaa").build();
    RunEvent b =
        run("p2", "prep").at(2, 3).writesVersion("out", "/data/f.csv", "xxh64:bbbb").build();
    RunEvent readsA =
        run("c", "train").at(5, 6).readsVersion("in", "/data/f.csv", "xxh64:aaaa").build();
    // consumer first, then the producers: p2 must not take the link over from p1
    store(readsA, a, b);
    assertEquals("p1", index.links.get("c|/data/f.csv"));
  }

  @Test
  void anUnknownFingerprintOnEitherSideStillLinks() {
    RunEvent old = run("p", "prep").at(0, 1).writes("out", "/data/f.csv").build(); // format 1
    RunEvent reader =
        run("c", "train").at(5, 6).readsVersion("in", "/data/f.csv", "xxh64:bbbb").build();
    store(old, reader);
    assertEquals("p", index.links.get("c|/data/f.csv"));

    RunEvent hashed =
        run("p2", "prep").at(10, 11).writesVersion("out", "/data/g.csv", "xxh64:cccc").build();
    RunEvent unhashed = run("c2", "train").at(12, 13).reads("in", "/data/g.csv").build();
    store(hashed, unhashed);
    assertEquals("p2", index.links.get("c2|/data/g.csv"));
  }

  @Test
  void inputWithoutProducerHasNoDependency() {
    RunEvent consumer = run("c", "train").at(10, 11).reads("x", "/data/raw.csv").build();
    index.add(consumer);
    assertTrue(resolver.dependenciesOf(consumer, index).isEmpty());
  }

  @Test
  void latestOfTwoEarlierProducersWins() {
    RunEvent first = run("p1", "prep").at(0, 1).writes("out", "/data/f.csv").build();
    RunEvent second = run("p2", "prep").at(2, 3).writes("out", "/data/f.csv").build();
    RunEvent consumer = run("c", "train").at(5, 6).reads("in", "/data/f.csv").build();
    index.add(first);
    index.add(second);
    index.add(consumer);
    assertEquals(
        List.of(new Dependency("c", "p2", "/data/f.csv")),
        resolver.dependenciesOf(consumer, index));
  }

  @Test
  void producerThatEndedAfterConsumerStartedIsNotADependency() {
    RunEvent early = run("p1", "prep").at(0, 1).writes("out", "/data/f.csv").build();
    RunEvent overlapping = run("p2", "prep").at(4, 8).writes("out", "/data/f.csv").build();
    RunEvent consumer = run("c", "train").at(5, 6).reads("in", "/data/f.csv").build();
    index.add(early);
    index.add(overlapping);
    index.add(consumer);
    assertEquals(
        List.of(new Dependency("c", "p1", "/data/f.csv")),
        resolver.dependenciesOf(consumer, index));
  }

  @Test
  void producerEndingExactlyAtConsumerStartCounts() {
    RunEvent producer = run("p", "prep").at(0, 5).writes("out", "/data/f.csv").build();
    RunEvent consumer = run("c", "train").at(5, 6).reads("in", "/data/f.csv").build();
    index.add(producer);
    index.add(consumer);
    assertEquals(
        List.of(new Dependency("c", "p", "/data/f.csv")), resolver.dependenciesOf(consumer, index));
  }

  @Test
  void inMemoryPointersLinkOnlyOnTheExactIdentifier() {
    RunEvent producer =
        run("p", "prep").at(0, 1).writes("df", "mem://agent-1/org.example.Frame@7").build();
    RunEvent sameClassOtherObject =
        run("c1", "train").at(2, 3).reads("df", "mem://agent-1/org.example.Frame@8").build();
    RunEvent otherJvm =
        run("c2", "train").at(2, 3).reads("df", "mem://agent-2/org.example.Frame@7").build();
    RunEvent sameObject =
        run("c3", "train").at(2, 3).reads("df", "mem://agent-1/org.example.Frame@7").build();
    store(producer, sameClassOtherObject, otherJvm, sameObject);
    assertEquals(1, index.links.size());
    assertEquals("p", index.links.get("c3|mem://agent-1/org.example.Frame@7"));
  }

  @Test
  void oneDependencyPerDistinctPointerInInputOrder() {
    RunEvent a = run("a", "prep").at(0, 1).writes("x", "/data/x").build();
    RunEvent b = run("b", "prep").at(0, 1).writes("y", "/data/y").build();
    RunEvent consumer =
        run("c", "train")
            .at(2, 3)
            .reads("y1", "/data/y")
            .reads("x", "/data/x")
            .reads("y2", "/data/y")
            .build();
    index.add(a);
    index.add(b);
    index.add(consumer);
    assertEquals(
        List.of(new Dependency("c", "b", "/data/y"), new Dependency("c", "a", "/data/x")),
        resolver.dependenciesOf(consumer, index));
  }

  @Test
  void runDoesNotDependOnItselfWhenItRewritesItsInput() {
    RunEvent run =
        run("r", "update").at(0, 0).reads("in", "/data/f").writes("out", "/data/f").build();
    store(run);
    assertTrue(index.links.isEmpty());
  }

  @Test
  void producerStoredAfterItsConsumerTakesOverTheLink() {
    RunEvent old = run("p1", "prep").at(0, 1).writes("out", "/data/f.csv").build();
    RunEvent late = run("p2", "prep").at(2, 3).writes("out", "/data/f.csv").build();
    RunEvent consumer = run("c", "train").at(5, 6).reads("in", "/data/f.csv").build();
    RunEvent tooLate = run("p3", "prep").at(5, 7).writes("out", "/data/f.csv").build();
    store(old, consumer, tooLate, late); // arrival order differs from time order
    assertEquals("p2", index.links.get("c|/data/f.csv"));
  }

  @Test
  void nonPointerInputsAreIgnored() {
    RunEvent consumer =
        run("c", "train")
            .at(5, 6)
            .input(RunBuilder.string("path", "/data/f.csv"))
            .input(RunBuilder.longValue("n", 3))
            .build();
    RunEvent producer = run("p", "prep").at(0, 1).writes("out", "/data/f.csv").build();
    store(producer, consumer);
    assertTrue(index.links.isEmpty());
  }
}
