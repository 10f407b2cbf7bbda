package org.mltrace.agent.core;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mltrace.agent.bootstrap.CaptureBridge;
import org.mltrace.agent.core.capture.CircuitBreaker;
import org.mltrace.agent.core.capture.CodeSourceReporter;
import org.mltrace.agent.core.capture.CodeVersions;
import org.mltrace.agent.core.capture.ComponentSampler;
import org.mltrace.agent.core.capture.MethodRegistry;
import org.mltrace.agent.core.capture.ObjectIds;
import org.mltrace.agent.core.capture.RunRecorder;
import org.mltrace.agent.core.capture.Samplers;
import org.mltrace.agent.core.capture.ValueEncoder;
import org.mltrace.agent.core.config.AgentConfig;
import org.mltrace.agent.core.config.ComponentSpec;
import org.mltrace.agent.core.config.MethodSignature;
import org.mltrace.agent.core.matching.MethodMatcher;
import org.mltrace.agent.core.matching.TypeHierarchy;
import org.mltrace.agent.core.plugins.PluginEncoders;
import org.mltrace.agent.core.queue.AgentIdentity;
import org.mltrace.agent.core.queue.EventWriter;
import org.mltrace.agent.core.weaving.CaptureTransformer;
import org.mltrace.agent.event.ChronicleEnvironment;
import org.mltrace.agent.event.ComponentEvent;

/**
 * One period of tracing with one YAML: the queue writer, the hooks behind the bridge, the
 * transformer, and the shutdown hook that flushes the queue and reports unmatched signatures.
 *
 * <p>Started once the bridge exists (at premain, or on attach); {@link #stop} (detach, or reload
 * with a changed YAML) removes the transformer and retransforms the woven classes, which gives them
 * back their original bytecode, then flushes and closes the queue.
 */
final class TracingSession {
  /** Bounds the agent's heap: a full buffer holds about 700 bytes per run, so about 11 MB. */
  static final int BUFFER_CAPACITY = 16_384;

  static final long SHUTDOWN_FLUSH_MILLIS = 10_000;

  /**
   * How long the exit waits for jars still being hashed (100 MB take 0.2 to 0.3 s on a busy
   * machine); past it their code sources go without the hash (counted).
   */
  static final long CODE_SOURCE_WAIT_MILLIS = 500;

  private final Instrumentation inst;
  private final MethodMatcher matcher;
  private final CaptureTransformer transformer;
  private final EventWriter writer;
  private final Samplers samplers;
  private final CodeSourceReporter codeSources;
  private final Thread shutdownHook;

  private TracingSession(
      Instrumentation inst,
      MethodMatcher matcher,
      CaptureTransformer transformer,
      EventWriter writer,
      Samplers samplers,
      CodeSourceReporter codeSources) {
    this.codeSources = codeSources;
    this.inst = inst;
    this.matcher = matcher;
    this.transformer = transformer;
    this.writer = writer;
    this.samplers = samplers;
    this.shutdownHook = new Thread(this::flushAtExit, "mltrace-shutdown");
    // It may be the first to open the queue: see EventWriter's constructor.
    shutdownHook.setContextClassLoader(TracingSession.class.getClassLoader());
  }

  static TracingSession start(
      AgentArguments arguments, AgentConfig config, Instrumentation inst, boolean lateAttach)
      throws java.net.MalformedURLException {
    // Before Chronicle first loads (on the writer thread): no phoning home, no JDK warning.
    ChronicleEnvironment.prepare();

    Path queueDir = arguments.queueDir(config.queue()).toAbsolutePath().normalize();
    String agentId = AgentIds.newAgentId();
    AgentIdentity identity =
        new AgentIdentity(
            agentId, ProcessHandle.current().pid(), CodeVersions.gitCommit(Path.of("")));
    Samplers samplers = new Samplers();
    for (ComponentSpec c : config.components()) {
      samplers.declare(c.name(), c.sample());
    }
    CircuitBreaker breaker = new CircuitBreaker(BUFFER_CAPACITY);
    EventWriter writer =
        new EventWriter(
            queueDir, identity, BUFFER_CAPACITY, samplers, breaker, config.maxQueueMb() << 20);
    for (ComponentSpec c : config.components()) {
      List<String> methods = c.methods().stream().map(MethodSignature::text).toList();
      writer.submit(
          new ComponentEvent(
              c.name(),
              c.description(),
              c.owner(),
              c.tags(),
              methods,
              c.triggers(),
              c.staleAfter()));
    }
    config.tasks().forEach(writer::submit); // after the components they name, before any run
    writer.start();

    MethodRegistry registry = new MethodRegistry();
    TypeHierarchy hierarchy = new TypeHierarchy();
    MethodMatcher matcher = new MethodMatcher(config, hierarchy);
    PluginEncoders plugins = PluginEncoders.open(config.plugins());
    ValueEncoder encoder =
        new ValueEncoder(
            agentId,
            new ObjectIds(),
            config.maxStringLength(),
            config.fingerprintMaxBytes(),
            plugins);
    CaptureBridge.install(new RunRecorder(registry, encoder, writer::submit, breaker));
    Module bridgeModule = CaptureBridge.class.getModule();
    CodeSourceReporter codeSources = new CodeSourceReporter(agentId, writer::submit);
    CaptureTransformer transformer =
        new CaptureTransformer(
            matcher,
            hierarchy,
            registry,
            module -> {
              if (!module.canRead(bridgeModule)) {
                inst.redefineModule(
                    module,
                    java.util.Set.of(bridgeModule),
                    java.util.Map.of(),
                    java.util.Map.of(),
                    java.util.Set.of(),
                    java.util.Map.of());
              }
            },
            samplers,
            codeSources);
    TracingSession session =
        new TracingSession(inst, matcher, transformer, writer, samplers, codeSources);
    Runtime.getRuntime().addShutdownHook(session.shutdownHook);
    inst.addTransformer(transformer, inst.isRetransformClassesSupported());
    if (lateAttach) {
      retransformLoaded(inst, matcher);
    }
    AgentLog.info(
        "tracing "
            + config.components().size()
            + " components from "
            + config.source()
            + " into "
            + queueDir);
    return session;
  }

  /**
   * Ends this session while the JVM goes on: the woven classes get their original bytecode back,
   * the hooks go quiet and what was recorded is flushed to the queue.
   */
  void stop() {
    inst.removeTransformer(transformer);
    List<Class<?>> woven = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (transformer.hasWoven(c.getName().replace('.', '/')) && inst.isModifiableClass(c)) {
        woven.add(c);
      }
    }
    for (Class<?> c : woven) {
      try {
        inst.retransformClasses(c); // no transformer left: the JVM restores the original bytes
      } catch (Throwable t) {
        AgentLog.warnOnce(
            "restore:" + c.getName(),
            "could not restore the original bytecode of " + c.getName() + ": " + t);
      }
    }
    CaptureBridge.install(null);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shutdownInProgress) {
      return; // the hook is running or about to: it flushes
    }
    flushAtExit();
    AgentLog.info("tracing stopped; " + woven.size() + " classes restored");
  }

  private static void retransformLoaded(Instrumentation inst, MethodMatcher matcher) {
    List<Class<?>> toRetransform = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      String internal = c.getName().replace('.', '/');
      if (inst.isModifiableClass(c)
          && matcher.mayConcern(internal)
          && !matcher.candidatesFor(c.getClassLoader(), internal).isEmpty()) {
        toRetransform.add(c);
      }
    }
    for (Class<?> c : toRetransform) {
      try {
        inst.retransformClasses(c);
      } catch (Throwable t) {
        AgentLog.warnOnce(
            "retransform:" + c.getName(),
            "could not instrument already loaded " + c.getName() + ": " + t);
      }
    }
  }

  private void flushAtExit() {
    try {
      List<String> unmatched = UnmatchedReport.lines(matcher, inst);
      for (String line : unmatched) {
        AgentLog.warn(line);
      }
      writer.setUnmatchedReport(unmatched.isEmpty() ? null : String.join("\n", unmatched));
      codeSources.finish(CODE_SOURCE_WAIT_MILLIS);
      writer.close(SHUTDOWN_FLUSH_MILLIS);
      long dropped = AgentCounters.droppedCount();
      long errors = AgentCounters.internalErrorCount();
      if (dropped > 0 || errors > 0) {
        String kinds =
            AgentHealth.counts().stream()
                .map(c -> c.name() + "=" + c.count())
                .collect(java.util.stream.Collectors.joining(", "));
        AgentLog.warn(
            AgentCounters.writtenCount()
                + " runs written, "
                + dropped
                + " dropped (buffer full, queue unusable, max_queue_mb or disk full), "
                + errors
                + " internal errors ("
                + kinds
                + "); the counts are in the queue's agent stats");
      }
      for (ComponentSampler s : samplers.all()) {
        if (s.unrecordedTotal() > 0) {
          AgentLog.info(
              "component '"
                  + s.component()
                  + "': "
                  + s.unrecordedTotal()
                  + " calls counted but not recorded (sample: or the circuit breaker); the counts are in the queue");
        }
      }
    } catch (Throwable t) {
      AgentLog.warn("flushing the queue at exit failed: " + t);
    }
  }
}
