package dev.parley.server;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The server reaches MongoDB only through parley-core's tenant-scoped store. */
class ArchitectureTest {

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.parley.server");

    @Test
    void serverCodeNeverTouchesTheDriverDirectly() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.mongodb.client..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.parley.store.PlatformCollection")
                .check(SERVER);
    }
}
