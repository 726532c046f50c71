package dev.parley.store;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The indexes Parley declares; creating them on each backend is in {@link StoreContract}. */
class IndexInitializerTest {

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
