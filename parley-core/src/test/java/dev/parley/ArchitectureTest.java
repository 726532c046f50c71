package dev.parley;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.parley.analytics.MetricWriter;
import dev.parley.analytics.Rollups;
import dev.parley.audit.AuditWriter;
import dev.parley.contacts.ContactBook;
import dev.parley.messages.MessageWriter;
import dev.parley.retention.RetainedData;
import dev.parley.retention.RetentionPolicies;
import dev.parley.users.UserDirectory;
import dev.parley.search.SearchIndex;
import dev.parley.store.MongoStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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
    void featuresReadQueryResultsThroughParleysOwnTypes() {
        noClasses().that().resideOutsideOfPackage("dev.parley.store..")
                .should().dependOnClassesThat().haveFullyQualifiedName("com.mongodb.client.FindIterable")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.mongodb.client.AggregateIterable")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.mongodb.client.MongoIterable")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.mongodb.client.MongoCursor")
                .because("the driver's FindIterable.filter(..) replaces the tenant filter a ScopedCollection put in; "
                        + "store.Find and store.Found offer everything else")
                .check(CORE);
    }

    /**
     * Opening a collection by tenant and name ({@code MongoStore.scoped}, {@code MongoStore.tenant})
     * reaches any tenant's documents. The root hands features what they work on instead: a
     * {@code ScopedCollection} or one tenant's {@code TenantCollections}.
     */
    @Test
    void onlyTheRootOpensTenantCollections() {
        noClasses().that().resideOutsideOfPackages(
                        "dev.parley", // the root: TenantScope opens its tenant's collections for features
                        "dev.parley.store..")
                // one instance shared by every tenant, batching or caching across them: each call names its tenant
                .and().doNotBelongToAnyOf(AuditWriter.class, SearchIndex.class, ContactBook.class, MetricWriter.class, Rollups.class,
                        MessageWriter.class, UserDirectory.class, RetentionPolicies.class)
                // retention's owners: the sweeper asks each for one tenant after another
                .and().doNotImplement(RetainedData.class)
                .should().callMethod(MongoStore.class, "scoped", String.class, String.class)
                .orShould().callMethod(MongoStore.class, "tenant", String.class)
                .because("a feature is handed its tenant's collections; opening one by tenant name could open another tenant's")
                .check(CORE);
    }

    @Test
    void onlyOperatorCommandsReadTheWholeDatabase() {
        noClasses().that().resideOutsideOfPackages("dev.parley", "dev.parley.store..",
                        "dev.parley.monitoring..", // StoreStats: the operator's statistics over every collection
                        "dev.parley.backup..") // dumps and restores of every collection
                .should().callMethod(MongoStore.class, "runCommand", Document.class)
                .orShould().callMethod(MongoStore.class, "sample", String.class, int.class)
                .orShould().callMethod(MongoStore.class, "documentsPerTenant", String.class)
                .orShould().callMethod(MongoStore.class, "dumps")
                .orShould().callMethod(MongoStore.class, "dropDatabase")
                .because("they read or drop every tenant's documents at once, past any tenant filter")
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
    void retentionAsksFeaturesInsteadOfReachingIn() {
        noClasses().that().resideInAPackage("dev.parley.retention..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.parley.messages..", "dev.parley.events..",
                        "dev.parley.audit..", "dev.parley.webhooks..", "dev.parley.analytics..")
                .orShould().dependOnClassesThat().belongToAnyOf(Parley.class, TenantScope.class)
                .because("each feature owns its retained collections and implements RetainedData for them; "
                        + "retention keeps the policies and asks, so the dependency points from the features to retention")
                .check(CORE);
    }

    @Test
    void featuresDoNotImportTheFacade() {
        noClasses().that().resideOutsideOfPackage("dev.parley")
                .should().dependOnClassesThat().haveFullyQualifiedName(Parley.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(TenantScope.class.getName())
                .because("the root (Parley, TenantScope) builds the features and hands each the collaborators it uses, as "
                        + "small interfaces the feature owns; a feature that calls back into the facade hides what it "
                        + "depends on and closes a circle through it")
                .check(CORE);
    }

    @Test
    void featurePackagesDependOnEachOtherOneWay() {
        slices().matching("dev.parley.(*)..").namingSlices("$1").should().beFreeOfCycles()
                .because("a feature that needs another's behaviour declares a small interface the other implements, "
                        + "so dependencies point one way and a change to one feature cannot loop back into it")
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
