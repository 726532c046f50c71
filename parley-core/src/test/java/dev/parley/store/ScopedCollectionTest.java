package dev.parley.store;

import dev.parley.ConflictException;
import dev.parley.InvalidInputException;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoIterable;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScopedCollectionTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    private ScopedCollection scoped(String tenant) {
        return parley.store().scoped(tenant, "scoped_test");
    }

    @Test
    void concurrentInsertsAreAllWrittenAndAKeyClashFailsOnlyItsCaller() throws Exception {
        ScopedCollection acme = scoped("acme");
        acme.insert(new Document("_id", acme.key("taken")));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger conflicts = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    acme.insert(new Document("_id", acme.key(thread + "-" + i)).append("i", i));
                }
                try {
                    acme.insert(new Document("_id", acme.key("taken")));
                } catch (ConflictException e) {
                    conflicts.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(conflicts).hasValue(8);
        assertThat(acme.count(new Document("i", new Document("$exists", true)))).isEqualTo(800);
        assertThat(acme.getAll(List.of("0-0", "7-99", "missing"))).hasSize(2);
    }

    @Test
    void keyLookupsAndQueriesNeverCrossTenants() {
        ScopedCollection acme = parley.store().scoped("acme", "isolation_test");
        ScopedCollection beta = parley.store().scoped("beta", "isolation_test");
        beta.insert(new Document("_id", beta.key("b1")).append("v", 1));

        assertThat(acme.get("b1")).isEmpty();
        assertThat(acme.find(new Document("organization_id", "beta")).first()).isNull();
        assertThat(acme.count(new Document())).isZero();
        assertThat(acme.aggregate(List.of(new Document("$match", new Document("organization_id", "beta")))).first()).isNull();
        assertThat(beta.get("b1")).isPresent();
    }

    @Test
    void aScopedFindReturnsOnlyItsTenantsDocumentsHoweverItIsChained() {
        ScopedCollection acme = parley.store().scoped("acme", "chained_find_test");
        ScopedCollection beta = parley.store().scoped("beta", "chained_find_test");
        acme.insert(new Document("_id", acme.key("a1")).append("v", 1));
        beta.insert(new Document("_id", beta.key("b1")).append("v", 2));
        beta.insert(new Document("_id", beta.key("b2")).append("v", 3));
        Document betaOrAnything = new Document("$or", List.of(new Document("organization_id", "beta"),
                new Document("v", new Document("$gte", 0))));

        Find chained = acme.find(betaOrAnything).projection(new Document("organization_id", 1).append("v", 1))
                .sort(new Document("v", -1)).skip(0).limit(10).batchSize(1);
        assertThat(chained.into(new ArrayList<>())).extracting(d -> d.getString("organization_id")).containsExactly("acme");
        assertThat(acme.find(new Document("organization_id", "beta"))).isEmpty();
        assertThat(acme.find(new Document("_id", beta.key("b1"))).first()).isNull();
        assertThat(acme.find(null).map(d -> d.getString("organization_id")).into(new ArrayList<>())).containsExactly("acme");
        try (Found.Cursor<Document> cursor = acme.findInKeyOrder(betaOrAnything).cursor()) {
            assertThat(cursor.next().getString("_id")).isEqualTo(acme.key("a1"));
            assertThat(cursor.hasNext()).isFalse();
        }
        assertThat(acme.findByKeys(List.of("b1", "b2"))).isEmpty();
        assertThat(acme.aggregate(List.of(new Document("$match", betaOrAnything))).into(new ArrayList<>())).hasSize(1);
        assertThat(beta.find(betaOrAnything).into(new ArrayList<>())).hasSize(2);
    }

    @Test
    void tenantCollectionsOpenOnlyTheirTenantsDocuments() {
        ScopedCollection beta = parley.store().scoped("beta", "tenant_collections_test");
        beta.insert(new Document("_id", beta.key("b1")));
        TenantCollections acme = parley.store().tenant("acme");
        acme.open("tenant_collections_test").insert(new Document("_id", "acme|a1"));

        ScopedCollection opened = acme.open("tenant_collections_test");
        assertThat(opened.tenant()).isEqualTo("acme");
        assertThat(opened.find(new Document()).map(d -> d.getString("_id")).into(new ArrayList<>())).containsExactly("acme|a1");
        assertThat(opened.get("b1")).isEmpty();
        assertThat(acme.names()).contains("tenant_collections_test");
    }

    @Test
    void queryResultsOfferNoWayToReplaceTheFilterNorAnyDriverBuilder() {
        for (Class<?> type : List.of(ScopedCollection.class, PlatformCollection.class, Find.class, Found.class, Found.Cursor.class)) {
            for (Method method : type.getMethods()) {
                if (Modifier.isStatic(method.getModifiers()) || method.getDeclaringClass() == Object.class) {
                    continue;
                }
                assertThat(method.getName()).as(type.getSimpleName()).isNotEqualTo("filter");
                Class<?> returned = method.getReturnType();
                assertThat(MongoIterable.class.isAssignableFrom(returned) || MongoCollection.class.isAssignableFrom(returned)
                        || Iterator.class.isAssignableFrom(returned) && returned.getName().startsWith("com.mongodb"))
                        .as(type.getSimpleName() + "." + method.getName() + " returns " + returned.getName()).isFalse();
            }
        }
    }

    @Test
    void pipelinesCannotReachOtherCollectionsFromInsideAFacet() {
        assertThatThrownBy(() -> scoped("acme").aggregate(List.of(new Document("$facet", new Document("keys",
                List.of(new Document("$lookup", new Document("from", "api_keys").append("pipeline", List.of()).append("as", "k"))))))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aDocumentMustCarryItsTenantsKey() {
        ScopedCollection acme = scoped("acme");

        assertThatThrownBy(() -> acme.insert(new Document("_id", "beta|x"))).isInstanceOf(IllegalArgumentException.class);
        Document generated = new Document("v", 2);
        acme.insert(generated);
        assertThat(generated.getString("_id")).startsWith("acme|");
        assertThat(generated.getString("organization_id")).isEqualTo("acme");
    }

    @Test
    void pipelinesCannotReachOtherCollections() {
        assertThatThrownBy(() -> scoped("acme").aggregate(List.of(new Document("$lookup",
                new Document("from", "api_keys").append("pipeline", List.of()).append("as", "k")))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> scoped("acme").aggregate(List.of(new Document("$unionWith", "tenants"))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void upsertsByKeyAndStampsTheTenant() {
        ScopedCollection acme = scoped("acme");
        acme.upsert("counter", new Document("$inc", new Document("n", 1)));
        acme.upsert("counter", new Document("$inc", new Document("n", 1)));

        Document counter = acme.get("counter").orElseThrow();
        assertThat(counter.getInteger("n")).isEqualTo(2);
        assertThat(counter.getString("organization_id")).isEqualTo("acme");
    }
}
