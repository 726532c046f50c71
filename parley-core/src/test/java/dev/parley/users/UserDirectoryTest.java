package dev.parley.users;

import dev.parley.ConflictException;
import dev.parley.InvalidInputException;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seed 003's user profiles: shape, merge-patching, roles, passwords, tenancy, audit. */
class UserDirectoryTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    @BeforeAll
    static void indexes() {
        parley.get().initDb();
    }

    private static UserDirectory users() {
        return parley.get().users();
    }

    @Test
    void createsSeed003sShapeWithDefaultsAndNeverShowsThePasswordHash() {
        Document created = users().create("us-shape", new Document("user_id", 1).append("role", "admin")
                .append("password", "correct horse battery"), "Asia/Riyadh");
        assertThat(created.get("user_id")).isEqualTo(1L);
        assertThat(created.getString("tenant_id")).isEqualTo("us-shape");
        assertThat(created.getString("role")).isEqualTo("admin");
        assertThat(created.get("preferences", Document.class).getString("timezone")).isEqualTo("Asia/Riyadh");
        assertThat(created.get("preferences", Document.class).get("notifications", Document.class).getBoolean("email")).isTrue();
        assertThat(created.get("api_quota", Document.class)).containsEntry("logs_per_day", 100_000L)
                .containsEntry("api_calls_per_hour", 1_000L).containsEntry("retention_days", 90L);
        assertThat(created).doesNotContainKey("password_hash").doesNotContainKey("password").containsEntry("has_password", true);
        assertThat(users().get("us-shape", "1")).doesNotContainKey("password_hash");
        assertThatThrownBy(() -> users().create("us-shape", new Document("user_id", 1), "UTC")).isInstanceOf(ConflictException.class);
    }

    @Test
    void patchMergesNestedPreferencesAndKeepsTheRest() {
        users().create("us-patch", new Document("user_id", "maya").append("preferences", new Document("theme", "dark")), "UTC");
        Document after = users().update("us-patch", "maya", new Document("preferences", new Document("theme", "light")), Role.VIEWER);
        Document prefs = after.get("preferences", Document.class);
        assertThat(prefs.getString("theme")).isEqualTo("light");
        assertThat(prefs.getString("timezone")).isEqualTo("UTC");
        assertThat(prefs.get("notifications", Document.class)).containsEntry("email", true).containsEntry("browser", true);
        after = users().update("us-patch", "maya", new Document("preferences", new Document("notifications", new Document("email", false))), Role.VIEWER);
        assertThat(after.get("preferences", Document.class).get("notifications", Document.class))
                .containsEntry("email", false).containsEntry("browser", true);
    }

    @Test
    void rolesAndQuotasNeedAnAdminAndNoRoleAboveYourOwn() {
        users().create("us-roles", new Document("user_id", "v"), "UTC");
        assertField(() -> users().update("us-roles", "v", new Document("role", "admin"), Role.VIEWER), "role");
        assertField(() -> users().update("us-roles", "v", new Document("api_quota", new Document("api_calls_per_hour", 5)), Role.VIEWER), "api_quota");
        assertField(() -> users().update("us-roles", "v", new Document("role", "superadmin"), Role.ADMIN), "role");
        Document promoted = users().update("us-roles", "v", new Document("role", "admin")
                .append("api_quota", new Document("api_calls_per_hour", 5)), Role.ADMIN);
        assertThat(promoted.getString("role")).isEqualTo("admin");
        assertThat(promoted.get("api_quota", Document.class)).containsEntry("api_calls_per_hour", 5L).containsEntry("logs_per_day", 100_000L);
    }

    @Test
    void passwordsAuthenticateOnlyTheirUserInTheirTenant() {
        users().create("us-login-a", new Document("user_id", "sam").append("password", "s3cret-password"), "UTC");
        users().create("us-login-b", new Document("user_id", "sam").append("password", "another-password"), "UTC");
        assertThat(users().authenticate("us-login-a", "sam", "s3cret-password")).isPresent();
        assertThat(users().authenticate("us-login-a", "sam", "another-password")).isEmpty();
        assertThat(users().authenticate("us-login-b", "sam", "s3cret-password")).isEmpty();
        assertThat(users().authenticate("us-login-a", "nobody", "s3cret-password")).isEmpty();
        users().setPassword("us-login-a", "sam", "a-brand-new-password");
        assertThat(users().authenticate("us-login-a", "sam", "s3cret-password")).isEmpty();
        assertThat(users().authenticate("us-login-a", "sam", "a-brand-new-password")).isPresent();
        assertField(() -> users().setPassword("us-login-a", "sam", "short"), "password");
        assertField(() -> users().setPassword("us-login-a", "sam", "é".repeat(40)), "password");
    }

    @Test
    void listsATenantsUsersByRoleAndDeletes() {
        for (int i = 0; i < 5; i++) {
            users().create("us-list", new Document("user_id", "u" + i).append("role", i < 2 ? "admin" : "viewer"), "UTC");
        }
        users().create("us-list-other", new Document("user_id", "stranger"), "UTC");
        assertThat(users().list("us-list", null, 1, 10)).extracting(d -> d.get("user_id")).containsExactly("u0", "u1", "u2", "u3", "u4");
        assertThat(users().list("us-list", "admin", 1, 10)).hasSize(2);
        assertThat(users().list("us-list", null, 2, 2)).extracting(d -> d.get("user_id")).containsExactly("u2", "u3");
        assertThat(users().count("us-list", null)).isEqualTo(5);
        assertThat(users().delete("us-list", "u4")).isTrue();
        assertThat(users().delete("us-list", "u4")).isFalse();
        assertThat(users().delete("us-list", "stranger")).isFalse();
        assertThat(users().find("us-list-other", "stranger")).isPresent();
        List<Document> audit = parley.get().tenant("us-list").audit().find(new Document("resource_type", "user"), null, null, null, 100);
        assertThat(audit).extracting(d -> d.getString("action")).contains("create", "delete");
        assertThat(audit.toString()).doesNotContain("password_hash").doesNotContain("$2a$");
    }

    @Test
    void badInputNamesTheField() {
        assertField(() -> users().create("us-bad", new Document("role", "admin"), "UTC"), "user_id");
        assertField(() -> users().create("us-bad", new Document("user_id", "has space"), "UTC"), "user_id");
        assertField(() -> users().create("us-bad", new Document("user_id", "x").append("role", "owner"), "UTC"), "role");
        assertField(() -> users().create("us-bad", new Document("user_id", "x").append("colour", "red"), "UTC"), "colour");
        assertField(() -> users().create("us-bad", new Document("user_id", "x").append("tenant_id", "someone-else"), "UTC"), "tenant_id");
        assertField(() -> users().create("us-bad", new Document("user_id", "x").append("preferences", new Document("theme", "pink")), "UTC"),
                "preferences.theme");
        assertField(() -> users().create("us-bad", new Document("user_id", "x").append("preferences", new Document("timezone", "Mars/Base")), "UTC"),
                "preferences.timezone");
        assertField(() -> users().create("us-bad", new Document("user_id", "x").append("api_quota", new Document("logs_per_day", -1)), "UTC"),
                "api_quota.logs_per_day");
        users().create("us-bad", new Document("user_id", "ok"), "UTC");
        assertField(() -> users().update("us-bad", "ok", new Document("user_id", "other"), Role.ADMIN), "user_id");
        assertField(() -> users().update("us-bad", "ok", new Document(), Role.ADMIN), "body");
        assertField(() -> users().update("us-bad", "ok", new Document("preferences", new Document("notifications",
                new Document("sms", true))), Role.ADMIN), "preferences.notifications.sms");
        assertThat(users().list("us-bad", null, 1, 10)).hasSize(1);
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(field));
    }
}
