package dev.parley.tenancy;

import dev.parley.ConflictException;
import dev.parley.InvalidInputException;
import dev.parley.testing.TestParley;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantRegistryTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    private TenantRegistry registry() {
        return parley.get().tenants();
    }

    @Test
    void createsTenantWithAKeyThatAuthenticatesToIt() {
        IssuedKey key = registry().create("acme", "Acme Inc", "Asia/Riyadh");

        assertThat(key.organizationId()).isEqualTo("acme");
        assertThat(key.apiKey()).startsWith("pk_").hasSizeGreaterThanOrEqualTo(3 + 43);
        assertThat(registry().authenticate(key.apiKey())).contains("acme");
        assertThat(registry().get("acme").timeZone()).isEqualTo(ZoneId.of("Asia/Riyadh"));
        assertThat(registry().get("acme").name()).isEqualTo("Acme Inc");
    }

    @Test
    void storesOnlyTheDigestOfKeys() {
        IssuedKey key = registry().create("digest-check", null, null);

        var stored = parley.store().platform("api_keys").find(new org.bson.Document("organization_id", "digest-check")).first();
        assertThat(stored).isNotNull();
        assertThat(stored.toJson()).doesNotContain(key.apiKey());
        assertThat(stored.getString("_id")).hasSize(64);
    }

    @Test
    void refusesDuplicateTenantsAndBadInput() {
        registry().create("dup", null, null);

        assertThatThrownBy(() -> registry().create("dup", null, null)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> registry().create("Not A Slug", null, null))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("organization_id"));
        assertThatThrownBy(() -> registry().create("tz", null, "Mars/Olympus"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("timezone"));
    }

    @Test
    void rotationRevokesEarlierKeysUnlessKept() {
        IssuedKey first = registry().create("rotor", null, null);
        IssuedKey kept = registry().rotateKey("rotor", false);

        assertThat(registry().authenticate(first.apiKey())).contains("rotor");
        assertThat(registry().authenticate(kept.apiKey())).contains("rotor");

        IssuedKey latest = registry().rotateKey("rotor", true);
        assertThat(registry().authenticate(first.apiKey())).isEmpty();
        assertThat(registry().authenticate(kept.apiKey())).isEmpty();
        assertThat(registry().authenticate(latest.apiKey())).contains("rotor");
    }

    @Test
    void unknownKeysDoNotAuthenticate() {
        assertThat(registry().authenticate("pk_" + "x".repeat(43))).isEmpty();
        assertThat(registry().authenticate("short")).isEmpty();
        assertThat(registry().authenticate(null)).isEmpty();
    }

    @Test
    void bootstrapKeyEnsuresTheDemoTenantIdempotently() {
        String key = "bootstrap-key-for-tests-0123456789";
        registry().ensureBootstrap(key);
        registry().ensureBootstrap(key);

        assertThat(registry().authenticate(key)).contains("demo");
        assertThat(registry().list()).extracting(Tenant::organizationId).contains("demo");
    }
}
