package dev.parley.server;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import dev.parley.users.UserDirectory;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The server's boundaries: it reaches MongoDB only through parley-core's tenant-scoped store, its
 * packages depend on each other one way (web, the HTTP base, below everything), its settings
 * come from one record per feature, and only sign-in names the tenant of a user lookup.
 */
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

    @Test
    void serverReachesTenantDataOnlyThroughTenantScope() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("dev.parley.store.MongoStore")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.parley.store.ScopedCollection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.parley.store.TenantCollections")
                .because("the store opens any tenant's collections; the server asks Parley (health, store description) "
                        + "or a TenantScope, which is bound to the caller's tenant")
                .check(SERVER);
    }

    @Test
    void serverPackagesDependOnEachOtherOneWay() {
        slices().matching("dev.parley.server.(*)..").namingSlices("server/$1").should().beFreeOfCycles()
                .because("a package that needs another's type lives below it: shared HTTP pieces go to web")
                .check(SERVER);
    }

    @Test
    void settingsComeFromSettingsRecordsNotValueLookups() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.beans.factory.annotation.Value")
                .because("a feature reads its PARLEY_… settings from its @ConfigurationProperties record (e.g. BackupSettings), "
                        + "where each default is written once; README lists them")
                .check(SERVER);
    }

    @Test
    void routesAndCommandsReachUsersThroughTheirTenantScope() {
        noClasses().that().resideOutsideOfPackage("dev.parley.server.auth..")
                .should().callMethodWhere(DescribedPredicate.describe("a UserDirectory method that is told the tenant",
                        (JavaMethodCall call) -> call.getTargetOwner().isEquivalentTo(UserDirectory.class)
                                && !call.getTarget().getRawParameterTypes().isEmpty()
                                && call.getTarget().getRawParameterTypes().get(0).isEquivalentTo(String.class)))
                .because("a route or command acts on one tenant's users through TenantScope.users(); only sign-in (auth) "
                        + "learns the tenant from a login form or a token and names it")
                .check(SERVER);
    }
}
