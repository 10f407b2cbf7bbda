package org.mltrace.agent.core;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The agent's packages depend on each other without cycles (issue 17). */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.mltrace.agent.core");

  @Test
  void packagesHaveNoCycles() {
    slices().matching("org.mltrace.agent.core.(*)..").should().beFreeOfCycles().check(MAIN);
  }
}
