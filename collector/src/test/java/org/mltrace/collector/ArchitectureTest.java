package org.mltrace.collector;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The collector's layering (issue 17): no cycle between its top-level packages, and SQL only in
 * {@code store/}.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.mltrace.collector");

  @Test
  void topLevelPackagesHaveNoCycles() {
    // A package and its subpackages form one slice: store.. may not reach back into trigger..
    // when trigger.. uses store.
    slices().matching("org.mltrace.collector.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  /**
   * Classes outside {@code store/} that still use {@code java.sql}, until their statements move
   * into store's repositories. The list only shrinks: a class not on it fails the test, and so does
   * a class on it that no longer needs to be (take it off).
   */
  private static final Set<String> SQL_OUTSIDE_STORE_NOT_YET_MOVED =
      Set.of(
          "openlineage.OpenLineageForwarder");

  @Test
  void onlyStoreUsesJavaSql() {
    Set<String> using = new TreeSet<>();
    for (JavaClass c : MAIN) {
      String name = c.getName().substring("org.mltrace.collector.".length());
      if (name.startsWith("store.")) {
        continue;
      }
      boolean sql =
          c.getDirectDependenciesFromSelf().stream()
              .anyMatch(d -> d.getTargetClass().getPackageName().equals("java.sql"));
      if (sql) {
        using.add(name.replaceAll("\\$.*", ""));
      }
    }
    assertEquals(
        new TreeSet<>(SQL_OUTSIDE_STORE_NOT_YET_MOVED),
        using,
        "classes outside store/ using java.sql: a new one belongs in a store/ repository; one that"
            + " no longer uses it comes off the list");
  }
}
