package dev.parley.store;

import dev.parley.ConflictException;
import dev.parley.InvalidInputException;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
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
        return parley.get().store().scoped(tenant, "scoped_test");
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
        ScopedCollection acme = parley.get().store().scoped("acme", "isolation_test");
        ScopedCollection beta = parley.get().store().scoped("beta", "isolation_test");
        beta.insert(new Document("_id", beta.key("b1")).append("v", 1));

        assertThat(acme.get("b1")).isEmpty();
        assertThat(acme.find(new Document("organization_id", "beta")).first()).isNull();
        assertThat(acme.count(new Document())).isZero();
        assertThat(acme.aggregate(List.of(new Document("$match", new Document("organization_id", "beta")))).first()).isNull();
        assertThat(beta.get("b1")).isPresent();
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
