package org.mltrace.collector;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The collector's packages depend on each other without cycles (issue 17). */
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
}
