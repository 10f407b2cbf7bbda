package org.mltrace.agent.core.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.core.config.ConfigLoader;
import org.mltrace.fixtures.matching.BaseStage;
import org.mltrace.fixtures.matching.CleanStage;
import org.mltrace.fixtures.matching.LoudCleanStage;
import org.mltrace.fixtures.matching.Stage;
import org.mltrace.fixtures.matching.Trainer;
import org.mltrace.fixtures.matching.Unrelated;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

class MethodMatcherTest {
  private static final String PKG = "org.mltrace.fixtures.matching.";
  private static final ClassLoader LOADER = MethodMatcherTest.class.getClassLoader();

  @Test
  void exactClassMethodAndParametersMatchOneOverload() throws Exception {
    MethodMatcher m = matcher(PKG + "Trainer#fit(int)");
    assertEquals(Set.of("fit(I)I"), matched(m, Trainer.class));
  }

  @Test
  void parametersMustMatchInTypeAndNumber() throws Exception {
    assertEquals(Set.of(), matched(matcher(PKG + "Trainer#fit(long)"), Trainer.class));
    assertEquals(Set.of(), matched(matcher(PKG + "Trainer#fit(int, int)"), Trainer.class));
    assertEquals(Set.of(), matched(matcher(PKG + "Trainer#fit()"), Trainer.class));
    assertEquals(
        Set.of("fit(ID)I"), matched(matcher(PKG + "Trainer#fit(int, double)"), Trainer.class));
    assertEquals(
        Set.of("fit(Ljava/nio/file/Path;)I"),
        matched(matcher(PKG + "Trainer#fit(java.nio.file.Path)"), Trainer.class));
    assertEquals(
        Set.of("fitAll([I)I"), matched(matcher(PKG + "Trainer#fitAll(int[])"), Trainer.class));
  }

  @Test
  void dotDotMatchesEveryOverloadOfThatNameOnly() throws Exception {
    assertEquals(
        Set.of("fit(I)I", "fit(ID)I", "fit(Ljava/nio/file/Path;)I"),
        matched(matcher(PKG + "Trainer#fit(..)"), Trainer.class));
  }

  @Test
  void starInTheMethodNameIsAWildcard() throws Exception {
    assertEquals(
        Set.of("fit(I)I", "fit(ID)I", "fit(Ljava/nio/file/Path;)I", "fitAll([I)I"),
        matched(matcher(PKG + "Trainer#fit*(..)"), Trainer.class));
  }

  @Test
  void starInTheClassNameIsAWildcard() throws Exception {
    MethodMatcher m = matcher(PKG + "*Stage#transform(..)");
    assertTrue(m.mayConcern(internal(CleanStage.class)));
    assertFalse(m.mayConcern(internal(Unrelated.class)));
    assertEquals(
        Set.of("transform(Ljava/lang/String;)Ljava/lang/String;"), matched(m, CleanStage.class));
    assertEquals(Set.of(), matched(m, Unrelated.class));
  }

  @Test
  void plusMatchesSubclassesTransitivelyButNotUnrelatedClasses() throws Exception {
    MethodMatcher m = matcher(PKG + "BaseStage+#transform(..)");
    assertEquals(1, m.candidatesFor(LOADER, internal(CleanStage.class)).size());
    assertEquals(1, m.candidatesFor(LOADER, internal(LoudCleanStage.class)).size());
    assertEquals(List.of(), m.candidatesFor(LOADER, internal(Unrelated.class)));
    assertEquals(
        Set.of("transform(Ljava/lang/String;)Ljava/lang/String;"), matched(m, CleanStage.class));
    assertEquals(
        Set.of("transform(Ljava/lang/String;)Ljava/lang/String;"),
        matched(m, LoudCleanStage.class));
    assertEquals(Set.of(), matched(m, Unrelated.class));
  }

  @Test
  void plusOnAnInterfaceMatchesItsImplementations() throws Exception {
    MethodMatcher m = matcher(PKG + "Stage+#apply(..)");
    assertEquals(
        Set.of("apply(Ljava/lang/Object;)Ljava/lang/Object;"), matched(m, CleanStage.class));
    assertEquals(1, m.candidatesFor(LOADER, internal(LoudCleanStage.class)).size());
    assertEquals(List.of(), m.candidatesFor(LOADER, internal(Unrelated.class)));
  }

  @Test
  void abstractMethodsNeverMatch() throws Exception {
    MethodNode abstractTransform = method(BaseStage.class, "transform");
    assertTrue((abstractTransform.access & Opcodes.ACC_ABSTRACT) != 0, "fixture precondition");
    assertEquals(Set.of(), matched(matcher(PKG + "BaseStage+#transform(..)"), BaseStage.class));
    assertEquals(Set.of(), matched(matcher(PKG + "Stage+#apply(..)"), Stage.class));
    // The concrete method of the abstract class is still a candidate.
    assertEquals(
        Set.of("weight()I"), matched(matcher(PKG + "BaseStage+#weight()"), BaseStage.class));
  }

  @Test
  void bridgeMethodsNeverMatch() throws Exception {
    ClassNode node = classNode(CleanStage.class);
    MethodNode bridge =
        node.methods.stream()
            .filter(mn -> mn.name.equals("transform") && (mn.access & Opcodes.ACC_BRIDGE) != 0)
            .findFirst()
            .orElseThrow(() -> new AssertionError("fixture precondition: javac writes a bridge"));
    assertEquals("(Ljava/lang/Object;)Ljava/lang/Object;", bridge.desc);
    // (..) would accept the bridge's (Object) parameters; only the real method is matched.
    assertEquals(
        Set.of("transform(Ljava/lang/String;)Ljava/lang/String;"),
        matched(matcher(PKG + "CleanStage#transform(..)"), CleanStage.class));
    assertEquals(
        Set.of(),
        matched(matcher(PKG + "CleanStage#transform(java.lang.Object)"), CleanStage.class));
  }

  @Test
  void syntheticMethodsNeverMatch() throws Exception {
    ClassNode node = classNode(CleanStage.class);
    List<String> synthetic = new ArrayList<>();
    for (MethodNode mn : node.methods) {
      if ((mn.access & Opcodes.ACC_SYNTHETIC) != 0 && (mn.access & Opcodes.ACC_BRIDGE) == 0) {
        synthetic.add(mn.name);
      }
    }
    assertFalse(synthetic.isEmpty(), "fixture precondition: the lambda body is a synthetic method");
    Set<String> all = matched(matcher(PKG + "CleanStage#*(..)"), CleanStage.class);
    assertEquals(
        Set.of(
            "transform(Ljava/lang/String;)Ljava/lang/String;",
            "apply(Ljava/lang/Object;)Ljava/lang/Object;"),
        all);
    MethodMatcher lambdas = matcher(PKG + "CleanStage#lambda*(..)");
    assertEquals(Set.of(), matched(lambdas, CleanStage.class));
  }

  @Test
  void starDoesNotMatchConstructorsOrStaticInitializers() throws Exception {
    Set<String> all = matched(matcher(PKG + "Trainer#*(..)"), Trainer.class);
    assertEquals(
        Set.of(
            "fit(I)I",
            "fit(ID)I",
            "fit(Ljava/nio/file/Path;)I",
            "fitAll([I)I",
            "refit()Ljava/lang/String;"),
        all);
  }

  @Test
  void initMatchesConstructors() throws Exception {
    assertEquals(
        Set.of("<init>()V", "<init>(Ljava/lang/String;)V"),
        matched(matcher(PKG + "Trainer#<init>(..)"), Trainer.class));
    assertEquals(
        Set.of("<init>(Ljava/lang/String;)V"),
        matched(matcher(PKG + "Trainer#<init>(java.lang.String)"), Trainer.class));
  }

  @Test
  void theFirstComponentWhoseSignatureMatchesGetsTheMethod() throws Exception {
    MethodMatcher m =
        new MethodMatcher(
            ConfigLoader.parse(
                "t.yaml",
                String.join(
                    "\n",
                    "components:",
                    "  - name: first",
                    "    method: " + PKG + "Trainer#fit(int)",
                    "  - name: second",
                    "    method: " + PKG + "Trainer#fit(..)",
                    "")),
            new TypeHierarchy());
    List<MethodMatcher.Target> candidates = m.candidatesFor(LOADER, internal(Trainer.class));
    assertEquals(
        "first", m.match(candidates, Opcodes.ACC_PUBLIC, "fit", "(I)I").component().name());
    assertEquals(
        "second", m.match(candidates, Opcodes.ACC_PUBLIC, "fit", "(ID)I").component().name());
  }

  @Test
  void unmatchedListsTheSignaturesThatNeverMatched() throws Exception {
    MethodMatcher m =
        new MethodMatcher(
            ConfigLoader.parse(
                "t.yaml",
                String.join(
                    "\n",
                    "components:",
                    "  - name: train",
                    "    methods: [\""
                        + PKG
                        + "Trainer#fit(int)\", \""
                        + PKG
                        + "Trainer#fti(int)\"]",
                    "  - name: clean",
                    "    method: " + PKG + "CleanStage#transform(java.lang.String)",
                    "")),
            new TypeHierarchy());
    assertEquals(3, m.unmatched().size());
    matched(m, Trainer.class);
    List<String> left =
        m.unmatched().stream().map(t -> t.component().name() + " " + t.signature().text()).toList();
    assertEquals(
        List.of(
            "train " + PKG + "Trainer#fti(int)",
            "clean " + PKG + "CleanStage#transform(java.lang.String)"),
        left);
    matched(m, CleanStage.class);
    assertEquals(
        List.of(PKG + "Trainer#fti(int)"),
        m.unmatched().stream().map(t -> t.signature().text()).toList());
  }

  @Test
  void jdkAndAgentClassesAreNeverCandidates() throws Exception {
    MethodMatcher everything = matcher("*#*(..)");
    for (String name :
        List.of(
            "java/util/ArrayList",
            "javax/crypto/Cipher",
            "jdk/internal/misc/Unsafe",
            "sun/nio/ch/FileChannelImpl",
            "com/sun/net/httpserver/HttpServer",
            "org/mltrace/agent/core/matching/MethodMatcher",
            "org/mltrace/agent/bootstrap/CaptureBridge",
            "org/objectweb/asm/ClassReader")) {
      assertEquals(List.of(), everything.candidatesFor(LOADER, name), name);
    }
    assertEquals(1, everything.candidatesFor(LOADER, internal(Trainer.class)).size());

    MethodMatcher jdk = matcher("java.util.ArrayList#add(..)");
    assertTrue(
        jdk.mayConcern("java/util/ArrayList"), "the cheap pre-check alone does not exclude it");
    assertEquals(List.of(), jdk.candidatesFor(LOADER, "java/util/ArrayList"));
    assertEquals(List.of(), jdk.candidatesFor(null, "java/util/ArrayList"));
  }

  @Test
  void mayConcernIsTrueForEveryClassOnceASubtypePatternExists() throws Exception {
    assertFalse(matcher(PKG + "Trainer#fit(..)").mayConcern(internal(Unrelated.class)));
    assertTrue(matcher(PKG + "BaseStage+#transform(..)").mayConcern(internal(Unrelated.class)));
  }

  @Test
  void typeHierarchyReadsSupertypesFromClassFiles() {
    TypeHierarchy h = new TypeHierarchy();
    List<String> supertypes = h.supertypes(LOADER, internal(LoudCleanStage.class));
    assertTrue(
        supertypes.containsAll(
            List.of(
                internal(LoudCleanStage.class),
                internal(CleanStage.class),
                internal(BaseStage.class),
                internal(Stage.class),
                "java/lang/Object")),
        supertypes.toString());
    TypeHierarchy.TypeInfo stage = h.info(LOADER, internal(Stage.class));
    assertNotNull(stage);
    assertTrue(stage.isInterface());
    assertNull(h.info(LOADER, "org/mltrace/fixtures/matching/DoesNotExist"));
  }

  // --- helpers

  private static MethodMatcher matcher(String signature) throws Exception {
    String yaml = "components:\n  - name: c\n    method: \"" + signature + "\"\n";
    return new MethodMatcher(ConfigLoader.parse("test.yaml", yaml), new TypeHierarchy());
  }

  /** Runs the matcher over every method in the class file, as the transformer does. */
  private static Set<String> matched(MethodMatcher m, Class<?> c) throws IOException {
    List<MethodMatcher.Target> candidates = m.candidatesFor(LOADER, internal(c));
    Set<String> result = new TreeSet<>();
    for (MethodNode mn : classNode(c).methods) {
      if (m.match(candidates, mn.access, mn.name, mn.desc) != null) {
        result.add(mn.name + mn.desc);
      }
    }
    return result;
  }

  private static MethodNode method(Class<?> c, String name) throws IOException {
    return classNode(c).methods.stream()
        .filter(mn -> mn.name.equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static ClassNode classNode(Class<?> c) throws IOException {
    try (InputStream in = LOADER.getResourceAsStream(internal(c) + ".class")) {
      ClassNode node = new ClassNode();
      new ClassReader(in).accept(node, ClassReader.SKIP_FRAMES);
      return node;
    }
  }

  private static String internal(Class<?> c) {
    return c.getName().replace('.', '/');
  }
}
