package org.mltrace.agent.core.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeHierarchyTest {
  private final TypeHierarchy hierarchy = new TypeHierarchy();

  @Test
  void readsSupertypesFromClassFilesWithoutLoadingThem() {
    List<String> supertypes = hierarchy.supertypes(getClass().getClassLoader(), "java/util/ArrayList");
    assertTrue(supertypes.containsAll(List.of("java/util/ArrayList", "java/util/AbstractList", "java/util/List", "java/util/Collection", "java/lang/Object")), supertypes.toString());
  }

  @Test
  void anUnknownTypeHasNoInfo() {
    assertNull(hierarchy.info(getClass().getClassLoader(), "com/nowhere/Missing"));
  }

  @Test
  void rememberedTypesAreAnsweredFromMemory() {
    ClassLoader loader = new ClassLoader(null) {};
    hierarchy.remember(loader, "x/Made", new TypeHierarchy.TypeInfo("java/lang/Object", List.of(), false));
    assertEquals("java/lang/Object", hierarchy.info(loader, "x/Made").superName());
  }

  @Test
  void aClassLoaderThatIsDroppedIsNotKeptAlive() throws Exception {
    ClassLoader loader = new ClassLoader(null) {};
    hierarchy.remember(loader, "x/Made", new TypeHierarchy.TypeInfo("java/lang/Object", List.of(), false));
    WeakReference<ClassLoader> ref = new WeakReference<>(loader);
    loader = null;
    for (int i = 0; i < 100 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(ref.get(), "the hierarchy cache kept a dropped class loader alive (or GC did not run in 100 tries)");
  }
}
