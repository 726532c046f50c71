package dev.parley.server;

import dev.parley.server.TestHttp.Reply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v1/stats: the calling tenant's documents per collection, never another tenant's. */
class TenantStatsApiTest extends ServerTestSupport {

    @Test
    void eachTenantCountsOnlyItsOwnDocuments() {
        String alpha = keyFor("stats-alpha");
        String beta = keyFor("stats-beta");
        assertThat(postJson("/api/v1/collections/notes/documents", alpha, "[{\"_id\":\"a1\"},{\"_id\":\"a2\"},{\"_id\":\"a3\"}]").status()).isEqualTo(201);
        assertThat(postJson("/api/v1/collections/notes/documents", beta,
                "[{\"_id\":\"b1\"},{\"_id\":\"b2\"},{\"_id\":\"b3\"},{\"_id\":\"b4\"},{\"_id\":\"b5\"}]").status()).isEqualTo(201);
        assertThat(postJson("/api/v1/collections/beta_only/documents", beta, "{\"_id\":\"x\"}").status()).isEqualTo(201);

        Map<String, Long> alphaCounts = counts(get("/api/v1/stats", alpha), "stats-alpha");
        Map<String, Long> betaCounts = counts(get("/api/v1/stats", beta), "stats-beta");

        assertThat(alphaCounts).containsEntry("u_notes", 3L).doesNotContainKey("u_beta_only");
        assertThat(betaCounts).containsEntry("u_notes", 5L).containsEntry("u_beta_only", 1L);
    }

    @Test
    void needsATenantKey() {
        assertThat(get("/api/v1/stats", null).status()).isEqualTo(401);
        assertThat(get("/api/v1/stats", "not-a-key").status()).isEqualTo(401);
    }

    private static Map<String, Long> counts(Reply reply, String tenant) {
        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("organization_id").asString()).isEqualTo(tenant);
        Map<String, Long> counts = new HashMap<>();
        long total = 0;
        for (JsonNode row : body.get("collections")) {
            counts.put(row.get("collection").asString(), row.get("documents").asLong());
            total += row.get("documents").asLong();
        }
        assertThat(body.get("totals").get("documents").asLong()).isEqualTo(total);
        return counts;
    }
}
