package dev.parley.store;

import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndexInitializerTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    @Test
    void createsOnceThenReportsPresent() {
        IndexSpec spec = IndexSpec.on("idx_test", "organization_id_ref_unique", "ref").asUnique();

        assertThat(parley.store().indexes().ensure(List.of(spec)))
                .extracting(IndexInitializer.Outcome::status).containsExactly(IndexInitializer.Status.CREATED);
        assertThat(parley.store().indexes().ensure(List.of(spec)))
                .extracting(IndexInitializer.Outcome::status).containsExactly(IndexInitializer.Status.PRESENT);
    }

    @Test
    void reportsConflictingOptionsWithoutFailing() {
        IndexSpec unique = IndexSpec.on("idx_conflict", "organization_id_code", "code").asUnique();
        parley.store().indexes().ensure(List.of(unique));
        IndexSpec notUnique = IndexSpec.on("idx_conflict", "organization_id_code", "code");

        List<IndexInitializer.Outcome> outcomes = parley.store().indexes().ensure(List.of(notUnique));

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(IndexInitializer.Status.CONFLICT);
            assertThat(o.line()).contains("WARNING").contains("organization_id_code");
        });
    }

    @Test
    void everyDeclaredIndexStartsWithTheTenantButTheTtlOnes() {
        assertThatThrownBy(() -> new IndexSpec("x", "bad", new Document("created_at", 1), false, false, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dev.parley.Parley.declaredIndexes()).allSatisfy(spec -> {
            if (spec.ttl() == null) {
                assertThat(spec.keys().keySet().iterator().next()).isEqualTo("organization_id");
            } else { // MongoDB's TTL monitor needs a single-field index
                assertThat(spec.keys()).isEqualTo(new Document("expire_at", 1));
            }
        });
        assertThat(dev.parley.Parley.declaredIndexes()).filteredOn(spec -> spec.ttl() != null).extracting(IndexSpec::collection)
                .containsExactlyInAnyOrder("messages", "analytics", "events", "analytics_rollups");
    }
}
