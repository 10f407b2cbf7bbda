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

  /** Every statement lives in a {@code store/} repository: no other package sees JDBC. */
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
        Set.of(),
        using,
        "classes outside store/ using java.sql: their statements belong in a store/ repository");
  }
}
