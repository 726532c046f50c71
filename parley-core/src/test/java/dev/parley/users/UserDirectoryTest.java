package dev.parley.users;

import dev.parley.ConflictException;
import dev.parley.ForbiddenException;
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
        Document after = users().updateOwn("us-patch", "maya", new Document("preferences", new Document("theme", "light")));
        Document prefs = after.get("preferences", Document.class);
        assertThat(prefs.getString("theme")).isEqualTo("light");
        assertThat(prefs.getString("timezone")).isEqualTo("UTC");
        assertThat(prefs.get("notifications", Document.class)).containsEntry("email", true).containsEntry("browser", true);
        after = users().updateOwn("us-patch", "maya", new Document("preferences", new Document("notifications", new Document("email", false))));
        assertThat(after.get("preferences", Document.class).get("notifications", Document.class))
                .containsEntry("email", false).containsEntry("browser", true);
    }

    @Test
    void rolesAndQuotasNeedAnAdminAndNoRoleAboveYourOwn() {
        users().create("us-roles", new Document("user_id", "v"), "UTC");
        assertField(() -> users().updateOwn("us-roles", "v", new Document("role", "viewer")), "role");
        assertField(() -> users().updateOwn("us-roles", "v", new Document("api_quota", new Document("api_calls_per_hour", 5))), "api_quota");
        assertField(() -> users().update("us-roles", "v", new Document("api_quota", new Document("api_calls_per_hour", 5)), Role.VIEWER), "api_quota");
        assertThatThrownBy(() -> users().update("us-roles", "v", new Document("role", "superadmin"), Role.ADMIN))
                .isInstanceOf(ForbiddenException.class);
        Document promoted = users().update("us-roles", "v", new Document("role", "admin")
                .append("api_quota", new Document("api_calls_per_hour", 5)), Role.ADMIN);
        assertThat(promoted.getString("role")).isEqualTo("admin");
        assertThat(promoted.get("api_quota", Document.class)).containsEntry("api_calls_per_hour", 5L).containsEntry("logs_per_day", 100_000L);
    }

    /** Issue 18: a tenant admin (every API key is one) could reset a superadmin's password and sign in as them. */
    @Test
    void nobodyChangesResetsDemotesOrDeletesAUserAboveTheirOwnRole() {
        users().create("us-rank", new Document("user_id", "root").append("role", "superadmin").append("password", "root-password-1"), "UTC");
        users().create("us-rank", new Document("user_id", "boss").append("role", "admin"), "UTC");
        Document before = users().get("us-rank", "root");
        List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> attempts = List.of(
                () -> users().update("us-rank", "root", new Document("password", "taken-over-password"), Role.ADMIN),
                () -> users().update("us-rank", "root", new Document("role", "viewer"), Role.ADMIN),
                () -> users().update("us-rank", "root", new Document("api_quota", new Document("api_calls_per_hour", 1)), Role.ADMIN),
                () -> users().update("us-rank", "root", new Document("preferences", new Document("theme", "light")), Role.ADMIN),
                () -> users().delete("us-rank", "root", Role.ADMIN),
                () -> users().update("us-rank", "boss", new Document("role", "viewer"), Role.VIEWER),
                () -> users().create("us-rank", new Document("user_id", "root2").append("role", "superadmin"), "UTC", Role.ADMIN));
        for (var attempt : attempts) {
            assertThatThrownBy(attempt).isInstanceOf(ForbiddenException.class);
        }
        assertThat(users().get("us-rank", "root")).isEqualTo(before);
        assertThat(users().authenticate("us-rank", "root", "taken-over-password")).isEmpty();
        assertThat(users().authenticate("us-rank", "root", "root-password-1")).isPresent();
        assertThat(users().find("us-rank", "root2")).isEmpty();
        // equals may act on equals, and a superadmin on anyone
        assertThat(users().update("us-rank", "boss", new Document("organization", "Ops"), Role.ADMIN).getString("organization")).isEqualTo("Ops");
        assertThat(users().update("us-rank", "root", new Document("role", "admin"), Role.SUPERADMIN).getString("role")).isEqualTo("admin");
    }

    /** Issue 18: a reset, a role change or a new account under the same id gives the user a new session epoch. */
    @Test
    void passwordResetsRoleChangesAndRecreationChangeTheSessionEpoch() {
        users().create("us-epoch", new Document("user_id", "ed").append("password", "first-password").append("role", "admin"), "UTC");
        String first = users().account("us-epoch", "ed").orElseThrow().sessionEpoch();
        assertThat(first).isNotBlank();
        assertThat(users().authenticate("us-epoch", "ed", "first-password").orElseThrow().sessionEpoch()).isEqualTo(first);
        users().update("us-epoch", "ed", new Document("preferences", new Document("theme", "dark")), Role.ADMIN);
        assertThat(users().account("us-epoch", "ed").orElseThrow().sessionEpoch()).as("preferences do not end sessions").isEqualTo(first);
        users().update("us-epoch", "ed", new Document("password", "second-password"), Role.ADMIN);
        String second = users().account("us-epoch", "ed").orElseThrow().sessionEpoch();
        assertThat(second).isNotEqualTo(first);
        users().setPassword("us-epoch", "ed", "third-password");
        String third = users().account("us-epoch", "ed").orElseThrow().sessionEpoch();
        assertThat(third).isNotIn(first, second);
        users().update("us-epoch", "ed", new Document("role", "viewer"), Role.ADMIN);
        String fourth = users().account("us-epoch", "ed").orElseThrow().sessionEpoch();
        assertThat(fourth).isNotIn(first, second, third);
        assertThat(users().delete("us-epoch", "ed", Role.ADMIN)).isTrue();
        users().create("us-epoch", new Document("user_id", "ed"), "UTC");
        assertThat(users().account("us-epoch", "ed").orElseThrow().sessionEpoch()).isNotIn(first, second, third, fourth);
        assertThat(users().get("us-epoch", "ed")).doesNotContainKey("session_epoch");
    }

    @Test
    void anAdminsPatchIsCheckedWholeBeforeAnythingIsWritten() {
        users().create("us-whole", new Document("user_id", "w").append("password", "old-password-1"), "UTC");
        assertField(() -> users().update("us-whole", "w", new Document("password", "new-password-1").append("role", "owner"), Role.ADMIN), "role");
        assertThat(users().authenticate("us-whole", "w", "old-password-1")).as("the password stays when the rest is refused").isPresent();
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
        assertThat(users().delete("us-list", "u4", Role.ADMIN)).isTrue();
        assertThat(users().delete("us-list", "u4", Role.ADMIN)).isFalse();
        assertThat(users().delete("us-list", "stranger", Role.ADMIN)).isFalse();
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
