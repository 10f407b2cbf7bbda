package org.mltrace.agent.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrace.agent.core.AgentHealth;
import org.mltrace.agent.event.CodeSourceEvent;

class CodeSourceReporterTest {
  @TempDir Path tmp;

  @Test
  void eachComponentAndClassIsReportedOnceWithTheJarReadOnce() throws Exception {
    Path jar =
        JarFactsTest.jar(
            tmp.resolve("xgboost4j_2.12-3.4.0.jar"), "ml.dmlc", "xgboost4j_2.12", "3.4.0");
    ProtectionDomain domain =
        new ProtectionDomain(new CodeSource(jar.toUri().toURL(), (Certificate[]) null), null);
    List<Object> submitted = new CopyOnWriteArrayList<>();
    CodeSourceReporter reporter = new CodeSourceReporter("agent1", submitted::add);
    reporter.woven(
        domain,
        "ml/dmlc/xgboost4j/java/Booster",
        List.of("predict", "save_model"),
        "0123456789abcdef");
    Thread.sleep(200); // the first report is sent, whichever thread is quicker
    reporter.woven(
        domain,
        "ml/dmlc/xgboost4j/java/Booster",
        List.of("predict"),
        "0123456789abcdef"); // a retransform
    reporter.woven(domain, "ml/dmlc/xgboost4j/java/XGBoost", List.of("train"), "fedcba9876543210");
    reporter.finish(10_000);
    String sha = JarFacts.sha256(jar);
    assertEquals(
        List.of(
            new CodeSourceEvent(
                "agent1",
                "predict",
                "ml.dmlc.xgboost4j.java.Booster",
                "0123456789abcdef",
                jar.toString(),
                sha,
                "ml.dmlc:xgboost4j_2.12:3.4.0"),
            new CodeSourceEvent(
                "agent1",
                "save_model",
                "ml.dmlc.xgboost4j.java.Booster",
                "0123456789abcdef",
                jar.toString(),
                sha,
                "ml.dmlc:xgboost4j_2.12:3.4.0"),
            new CodeSourceEvent(
                "agent1",
                "train",
                "ml.dmlc.xgboost4j.java.XGBoost",
                "fedcba9876543210",
                jar.toString(),
                sha,
                "ml.dmlc:xgboost4j_2.12:3.4.0")),
        submitted);
  }

  @Test
  void whatIsStillBeingReadAtExitGoesWithWhatIsKnownCountedAndOnlyOnce() throws Exception {
    Path jar = JarFactsTest.jar(tmp.resolve("model-1.0.jar"), "com.example", "model", "1.0");
    ProtectionDomain domain =
        new ProtectionDomain(new CodeSource(jar.toUri().toURL(), (Certificate[]) null), null);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    List<CodeSourceEvent> submitted = new CopyOnWriteArrayList<>();
    CodeSourceReporter reporter =
        new CodeSourceReporter(
            "agent1",
            e -> {
              submitted.add((CodeSourceEvent) e);
              if (submitted.size() == 1) {
                try {
                  release.await(); // the helper is held inside its first submit
                } catch (InterruptedException interrupted) {
                  Thread.currentThread().interrupt();
                }
              }
            });
    long before = AgentHealth.CODE_SOURCE_FAILED.total();
    reporter.woven(domain, "com/example/A", List.of("fit"), "aaaaaaaaaaaaaaaa");
    reporter.woven(
        domain, "com/example/B", List.of("score"), "bbbbbbbbbbbbbbbb"); // queued behind A
    while (submitted.isEmpty()) {
      Thread.sleep(5);
    }
    reporter.finish(50);
    release.countDown();
    Thread.sleep(100);
    assertEquals(2, submitted.size(), submitted.toString());
    assertEquals("com.example:model:1.0", submitted.get(0).maven());
    assertEquals(
        new CodeSourceEvent(
            "agent1", "score", "com.example.B", "bbbbbbbbbbbbbbbb", jar.toString(), null, null),
        submitted.get(1));
    assertEquals(before + 1, AgentHealth.CODE_SOURCE_FAILED.total());
  }

  @Test
  void aSubmitThatThrowsIsCountedAndNeverReachesTheCaller() throws Exception {
    Path jar = JarFactsTest.jar(tmp.resolve("a.jar"));
    ProtectionDomain domain =
        new ProtectionDomain(new CodeSource(jar.toUri().toURL(), (Certificate[]) null), null);
    long before = AgentHealth.CODE_SOURCE_FAILED.total();
    CodeSourceReporter reporter =
        new CodeSourceReporter(
            "agent1",
            e -> {
              throw new IllegalStateException("closed");
            });
    reporter.woven(domain, "com/example/Model", List.of("fit"), "0123456789abcdef");
    reporter.finish(10_000);
    assertEquals(before + 1, AgentHealth.CODE_SOURCE_FAILED.total());
  }
}
