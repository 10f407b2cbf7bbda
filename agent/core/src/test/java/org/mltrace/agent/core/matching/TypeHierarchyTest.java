package org.mltrace.agent.core.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

class TypeHierarchyTest {
  private final TypeHierarchy hierarchy = new TypeHierarchy();

  @Test
  void readsSupertypesFromClassFilesWithoutLoadingThem() {
    List<String> supertypes =
        hierarchy.supertypes(getClass().getClassLoader(), "java/util/ArrayList");
    assertTrue(
        supertypes.containsAll(
            List.of(
                "java/util/ArrayList",
                "java/util/AbstractList",
                "java/util/List",
                "java/util/Collection",
                "java/lang/Object")),
        supertypes.toString());
  }

  @Test
  void anUnknownTypeHasNoInfo() {
    assertNull(hierarchy.info(getClass().getClassLoader(), "com/nowhere/Missing"));
  }

  @Test
  void rememberedTypesAreAnsweredFromMemory() {
    ClassLoader loader = new ClassLoader(null) {};
    hierarchy.remember(
        loader, "x/Made", new TypeHierarchy.TypeInfo("java/lang/Object", List.of(), false));
    assertEquals("java/lang/Object", hierarchy.info(loader, "x/Made").superName());
  }

  @Test
  void aSupertypeThatALoaderDefinesFromBytesWithoutAResourceIsLoadedToReadIt() {
    // gen/Sub is being transformed (remembered, as the transformer does); its superclass gen/Mid
    // is not loaded yet and its loader offers no class file for it, only the class itself.
    Map<String, byte[]> classes =
        Map.of(
            "gen.Mid",
                classFile(
                    "gen/Mid",
                    "org/mltrace/fixtures/matching/BaseStage",
                    "org/mltrace/fixtures/matching/Stage"),
            "gen.Sub", classFile("gen/Sub", "gen/Mid"));
    ClassLoader fromBytes =
        new ClassLoader("from-bytes", getClass().getClassLoader()) {
          @Override
          protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
              throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
          }
        };
    assertNull(fromBytes.getResource("gen/Mid.class"));
    hierarchy.remember(
        fromBytes, "gen/Sub", new TypeHierarchy.TypeInfo("gen/Mid", List.of(), false));
    List<String> supertypes = hierarchy.supertypes(fromBytes, "gen/Sub");
    assertTrue(
        supertypes.containsAll(
            List.of(
                "gen/Mid",
                "org/mltrace/fixtures/matching/BaseStage",
                "org/mltrace/fixtures/matching/Stage")),
        supertypes.toString());
    assertNull(
        hierarchy.info(fromBytes, "gen/Missing"), "a class it cannot load either is still unknown");
  }

  private static byte[] classFile(String name, String superName, String... interfaces) {
    ClassWriter writer = new ClassWriter(0);
    writer.visit(
        Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, name, null, superName, interfaces);
    writer.visitEnd();
    return writer.toByteArray();
  }

  @Test
  void aClassLoaderThatIsDroppedIsNotKeptAlive() throws Exception {
    ClassLoader loader = new ClassLoader(null) {};
    hierarchy.remember(
        loader, "x/Made", new TypeHierarchy.TypeInfo("java/lang/Object", List.of(), false));
    WeakReference<ClassLoader> ref = new WeakReference<>(loader);
    loader = null;
    for (int i = 0; i < 100 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(
        ref.get(),
        "the hierarchy cache kept a dropped class loader alive (or GC did not run in 100 tries)");
  }
}
