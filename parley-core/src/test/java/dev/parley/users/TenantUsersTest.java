package dev.parley.users;

import dev.parley.ForbiddenException;
import dev.parley.NotFoundException;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A tenant's users through {@code TenantScope.users()}: its own only, in its own time zone, roles checked. */
class TenantUsersTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    @Test
    void aTenantSeesAndChangesOnlyItsOwnUsers() {
        TenantUsers acme = parley.get().tenant("tu-acme").users();
        TenantUsers globex = parley.get().tenant("tu-globex").users();
        acme.create(new Document("user_id", "maya").append("role", "admin"));
        globex.create(new Document("user_id", "omar"));

        assertThat(acme.list(null, 1, 50)).extracting(u -> u.get("user_id")).containsExactly("maya");
        assertThat(acme.count(null)).isEqualTo(1);
        assertThat(acme.find("omar")).isEmpty();
        assertThatThrownBy(() -> acme.get("omar")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> acme.update("omar", new Document("role", "admin"), Role.ADMIN)).isInstanceOf(NotFoundException.class);
        assertThat(acme.delete("omar", Role.SUPERADMIN)).isFalse();
        assertThat(globex.get("omar").getString("role")).isEqualTo("viewer");
        assertThat(parley.get().users().get("tu-acme", "maya").getString("tenant_id")).isEqualTo("tu-acme");
    }

    @Test
    void newUsersTakeTheTenantsTimeZoneAndNobodyGrantsAboveTheirRole() {
        parley.get().tenants().create("tu-riyadh", null, "Asia/Riyadh");
        TenantUsers users = parley.get().tenant("tu-riyadh").users();
        Document created = users.create(new Document("user_id", "sara"), Role.ADMIN);
        assertThat(created.get("preferences", Document.class).getString("timezone")).isEqualTo("Asia/Riyadh");
        assertThatThrownBy(() -> users.create(new Document("user_id", "root").append("role", "superadmin"), Role.ADMIN))
                .isInstanceOf(ForbiddenException.class);
        users.setPassword("sara", "correct horse battery");
        assertThat(users.account("sara")).isPresent();
        assertThat(parley.get().users().authenticate("tu-riyadh", "sara", "correct horse battery")).isPresent();
    }
}
