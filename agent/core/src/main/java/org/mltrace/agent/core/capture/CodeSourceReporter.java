package org.mltrace.agent.core.capture;

import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mltrace.agent.core.AgentHealth;
import org.mltrace.agent.core.AgentLog;
import org.mltrace.agent.event.CodeSourceEvent;

/**
 * Sends, once per component and woven class, a {@link CodeSourceEvent}: the jar the class came
 * from, its SHA-256 and Maven coordinates.
 *
 * <p>The class-loading thread only reads the class's code source location and hands it over ({@link
 * #woven}); a helper thread, started on the first woven class and gone after two idle seconds,
 * reads each jar once ({@link JarFacts}, cached by location: its central directory for the
 * coordinates, then every byte for the hash) and submits the events to the queue writer. So a large
 * jar delays neither the class being loaded nor the writer, and no run carries any of it.
 *
 * <p>Each event waits in {@code unsent} until it goes, and goes exactly once: whoever removes it
 * (the helper with the full facts, or {@link #finish} at exit with what is known by then) submits
 * it. Failures are counted ({@code code_source_failed}) and never reach the application.
 */
public final class CodeSourceReporter {
  private final String agentId;
  private final Consumer<Object> submit;

  /**
   * Every component and class handed over, so a class woven again (a retransform) is not sent
   * twice.
   */
  private final java.util.Set<String> seen = ConcurrentHashMap.newKeySet();

  private final Map<String, CodeSourceEvent> unsent = new ConcurrentHashMap<>();
  private final Map<String, JarFacts> jars = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor helper;

  /**
   * @param submit the queue writer's {@code submit}
   */
  public CodeSourceReporter(String agentId, Consumer<Object> submit) {
    this.agentId = agentId;
    this.submit = submit;
    this.helper =
        new ThreadPoolExecutor(
            1,
            1,
            2,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "mltrace-code-sources");
              t.setDaemon(true);
              t.setContextClassLoader(
                  CodeSourceReporter.class.getClassLoader()); // not the application's
              return t;
            });
    helper.allowCoreThreadTimeOut(true);
  }

  /**
   * Notes that {@code className} (internal name) was woven for {@code components}; returns at once.
   * Never throws.
   */
  public void woven(
      ProtectionDomain domain,
      String className,
      Collection<String> components,
      String codeVersion) {
    try {
      CodeSource source = domain == null ? null : domain.getCodeSource();
      URL url = source == null ? null : source.getLocation();
      String location = url == null ? null : url.toString();
      String dotted = className.replace('/', '.');
      List<String> keys = new ArrayList<>(components.size());
      for (String c : components) {
        String key = c + '\0' + dotted;
        CodeSourceEvent known =
            new CodeSourceEvent(
                agentId, c, dotted, codeVersion, JarFacts.location(location), null, null);
        if (seen.add(key)) {
          unsent.put(key, known);
          keys.add(key);
        }
      }
      if (!keys.isEmpty()) { // else woven again (a retransform): already reported
        helper.execute(() -> report(location, keys));
      }
    } catch (Throwable t) {
      // The class is woven and loads as usual; only where it came from goes unreported.
      failed(className, t.toString());
    }
  }

  private void report(String url, List<String> keys) {
    try {
      JarFacts facts = url == null ? null : jars.get(url);
      if (facts == null) {
        JarFacts described = JarFacts.describe(url);
        keys.forEach(
            k -> unsent.computeIfPresent(k, (key, e) -> with(e, described))); // for an early exit
        facts = described.file() ? described.hashed() : described;
        if (url != null) {
          jars.put(url, facts);
        }
        if (facts.failure() != null) {
          failed(keys.get(0), "cannot read " + facts.location() + ": " + facts.failure());
        }
      }
      for (String key : keys) {
        CodeSourceEvent e = unsent.remove(key);
        if (e != null) {
          submit.accept(with(e, facts));
        }
      }
    } catch (Throwable t) {
      failed(keys.get(0), t.toString());
    }
  }

  private static CodeSourceEvent with(CodeSourceEvent e, JarFacts facts) {
    return new CodeSourceEvent(
        e.agentId(),
        e.component(),
        e.className(),
        e.codeVersion(),
        facts.location(),
        facts.sha256(),
        facts.maven());
  }

  private static void failed(String what, String why) {
    AgentHealth.count(AgentHealth.CODE_SOURCE_FAILED);
    String className = what.substring(what.indexOf('\0') + 1).replace('/', '.');
    AgentLog.warnOnce(
        "code-source:" + className,
        "the code source of "
            + className
            + " is recorded incompletely or not at all ("
            + why
            + "); its runs are recorded as usual");
  }

  /**
   * At exit, before the writer's final flush: waits at most {@code millis} for the jars being read,
   * then submits what is known of the rest (without the hash, or the coordinates), each counted.
   */
  public void finish(long millis) {
    helper.shutdown();
    try {
      helper.awaitTermination(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int incomplete = 0;
    for (String key : List.copyOf(unsent.keySet())) {
      CodeSourceEvent e = unsent.remove(key);
      if (e != null) {
        incomplete++;
        AgentHealth.count(AgentHealth.CODE_SOURCE_FAILED);
        submit.accept(e);
      }
    }
    if (incomplete > 0) {
      AgentLog.warn(
          incomplete
              + " code sources were still being read at exit: recorded without their jar's hash");
    }
  }
}
