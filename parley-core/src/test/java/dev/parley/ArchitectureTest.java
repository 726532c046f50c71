package dev.parley;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The store package is the only door to MongoDB, features do not reach back into the facade, and the core library stays free of Spring. */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.parley");

    @Test
    void onlyTheStorePackageTouchesTheDriversCollectionsAndDatabases() {
        noClasses().that().resideOutsideOfPackage("dev.parley.store..")
                .should().dependOnClassesThat().haveFullyQualifiedName("com.mongodb.client.MongoCollection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.mongodb.client.MongoDatabase")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.mongodb.client.MongoClient")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.mongodb.client.MongoClients")
                .check(CORE);
    }

    @Test
    void onlyPlatformFeaturesSeeAcrossTenants() {
        noClasses().that().resideOutsideOfPackages("dev.parley.store..", "dev.parley.tenancy..", "dev.parley.channels..",
                        "dev.parley.webhooks..", "dev.parley.migrations..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.parley.store.PlatformCollection")
                .check(CORE);
    }

    @Test
    void featuresDoNotImportTheFacade() {
        // retention's sweeper still asks the facade for each owner's data: the retention contracts (issue 20) remove it
        noClasses().that().resideOutsideOfPackages("dev.parley", "dev.parley.retention..")
                .should().dependOnClassesThat().haveFullyQualifiedName(Parley.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(TenantScope.class.getName())
                .because("the root (Parley, TenantScope) builds the features and hands each the collaborators it uses, as "
                        + "small interfaces the feature owns; a feature that calls back into the facade hides what it "
                        + "depends on and closes a circle through it")
                .check(CORE);
    }

    @Test
    void coreDoesNotDependOnSpring() {
        // spring-security-crypto (password hashes) is a library of its own, without the framework
        noClasses().should().dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates
                        .resideInAnyPackage("org.springframework..").and(com.tngtech.archunit.base.DescribedPredicate.not(
                                com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage("org.springframework.security.crypto.."))))
                .check(CORE);
    }
}
