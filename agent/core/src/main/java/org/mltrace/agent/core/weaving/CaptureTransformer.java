package org.mltrace.agent.core.weaving;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.mltrace.agent.core.AgentCounters;
import org.mltrace.agent.core.AgentHealth;
import org.mltrace.agent.core.AgentLog;
import org.mltrace.agent.core.capture.CodeSourceReporter;
import org.mltrace.agent.core.capture.CodeVersions;
import org.mltrace.agent.core.capture.MethodPlan;
import org.mltrace.agent.core.capture.MethodRegistry;
import org.mltrace.agent.core.capture.Samplers;
import org.mltrace.agent.core.matching.MethodMatcher;
import org.mltrace.agent.core.matching.TypeHierarchy;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Rewrites the classes that hold configured methods and returns every other class untouched.
 *
 * <p>Any failure, including woven code that fails {@link WovenCodeCheck}, leaves the class exactly
 * as it was (returning null), counts it ({@code weave_failed}) and warns once per class: a class
 * the agent cannot weave must still load and run normally.
 */
public final class CaptureTransformer implements ClassFileTransformer {
  private final MethodMatcher matcher;
  private final TypeHierarchy hierarchy;
  private final MethodRegistry registry;
  private final ClassLoader agentLoader = CaptureTransformer.class.getClassLoader();
  private final Consumer<Module> grantBridgeAccess;
  private final Samplers samplers;
  private final CodeSourceReporter codeSources;
  private final Set<String> woven = ConcurrentHashMap.newKeySet();

  /**
   * @param grantBridgeAccess makes a named module read the bridge's module before its classes are
   *     woven; classes on the class path (unnamed modules) read everything already
   */
  public CaptureTransformer(
      MethodMatcher matcher,
      TypeHierarchy hierarchy,
      MethodRegistry registry,
      Consumer<Module> grantBridgeAccess) {
    this(matcher, hierarchy, registry, grantBridgeAccess, new Samplers());
  }

  /**
   * @param samplers each component's {@code sample:}, handed to the plans of its methods
   */
  public CaptureTransformer(
      MethodMatcher matcher,
      TypeHierarchy hierarchy,
      MethodRegistry registry,
      Consumer<Module> grantBridgeAccess,
      Samplers samplers) {
    this(matcher, hierarchy, registry, grantBridgeAccess, samplers, null);
  }

  /**
   * @param codeSources told of each woven class with its protection domain, or null
   */
  public CaptureTransformer(
      MethodMatcher matcher,
      TypeHierarchy hierarchy,
      MethodRegistry registry,
      Consumer<Module> grantBridgeAccess,
      Samplers samplers,
      CodeSourceReporter codeSources) {
    this.codeSources = codeSources;
    this.matcher = matcher;
    this.hierarchy = hierarchy;
    this.registry = registry;
    this.grantBridgeAccess = grantBridgeAccess;
    this.samplers = samplers;
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> redefined,
      ProtectionDomain domain,
      byte[] bytes) {
    if (className == null || loader == agentLoader) {
      return null;
    }
    try {
      if (!matcher.mayConcern(className)) {
        return null;
      }
      byte[] rewritten = weave(loader, className, bytes, domain);
      if (rewritten != null) {
        if (module != null && module.isNamed()) {
          // Without this edge the woven calls would fail with IllegalAccessError inside the app.
          grantBridgeAccess.accept(module);
        }
        woven.add(className);
      }
      return rewritten;
    } catch (Throwable t) {
      // A class we cannot weave must load exactly as it would without the agent.
      AgentCounters.internalError(AgentHealth.WEAVE_FAILED);
      AgentLog.warnOnce(
          "weave:" + className, "left " + className.replace('/', '.') + " uninstrumented: " + t);
      return null;
    }
  }

  /** Whether a class of this internal name was woven by this transformer (to restore it later). */
  public boolean hasWoven(String internalName) {
    return woven.contains(internalName);
  }

  /** Returns the rewritten class, or null when no method of it is configured. */
  public byte[] weave(ClassLoader loader, String className, byte[] bytes) throws Exception {
    return weave(loader, className, bytes, null);
  }

  private byte[] weave(ClassLoader loader, String className, byte[] bytes, ProtectionDomain domain)
      throws Exception {
    ClassReader reader = new ClassReader(bytes);
    hierarchy.remember(
        loader,
        className,
        new TypeHierarchy.TypeInfo(
            reader.getSuperName(),
            List.of(reader.getInterfaces()),
            (reader.getAccess() & Opcodes.ACC_INTERFACE) != 0));
    List<MethodMatcher.Target> candidates = matcher.candidatesFor(loader, className);
    if (candidates.isEmpty()) {
      return null;
    }
    ClassNode node = new ClassNode();
    reader.accept(node, ClassReader.SKIP_FRAMES);
    String codeVersion = null;
    Set<String> wovenMethods = new java.util.HashSet<>();
    Set<String> components = new java.util.LinkedHashSet<>();
    for (MethodNode m : node.methods) {
      MethodMatcher.Target target = matcher.match(candidates, m.access, m.name, m.desc);
      if (target == null) {
        continue;
      }
      if (codeVersion == null) {
        codeVersion = CodeVersions.sha256(bytes);
      }
      CapturePlan plan = CapturePlanner.plan(node, m, target.component());
      String method = className.replace('/', '.') + "#" + m.name + m.desc;
      for (String problem : plan.problems()) {
        AgentHealth.count(AgentHealth.LOCAL_NOT_FOUND);
        AgentLog.warnOnce(
            "var:" + method + problem,
            "component '"
                + target.component().name()
                + "' ("
                + target.signature().text()
                + "): "
                + problem
                + "; recorded as absent");
      }
      boolean everyExitObserved = !m.name.equals("<init>") || ConstructorScan.superCall(m) != null;
      int id =
          registry.register(
              new MethodPlan(
                  target.component().name(),
                  method,
                  codeVersion,
                  plan.variables(),
                  everyExitObserved,
                  samplers.of(target.component().name())));
      CaptureMethodWeaver.weave(node.name, m, id, plan);
      wovenMethods.add(m.name + m.desc);
      components.add(target.component().name());
    }
    if (wovenMethods.isEmpty()) {
      return null;
    }
    ClassWriter writer = new HierarchyClassWriter(hierarchy, loader);
    node.accept(writer);
    byte[] rewritten = writer.toByteArray();
    WovenCodeCheck.verify(rewritten, wovenMethods); // throws: the caller keeps the original bytes
    if (codeSources != null && domain != null) {
      codeSources.woven(domain, className, components, codeVersion);
    }
    return rewritten;
  }
}
