package dev.parley.messages;

import dev.parley.TenantScope;
import dev.parley.store.ScopedCollection;
import dev.parley.store.ScopedCollection.VersionedChange;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A legal hold clears its conversations' {@code expire_at} under the message writer's rules:
 * bumping {@code rev}, so a status write computed from the message as it was cannot bring the old
 * {@code expire_at} back, and no status written meanwhile is lost.
 */
class LegalHoldRaceTest {

    private static final String[] STATUSES = {"sent", "delivered", "read"};
    private static final Instant BASE = Instant.parse("2026-03-02T09:00:00Z");

    @RegisterExtension
    static TestParley parley = new TestParley();

    private static TenantScope tenant(String name) {
        parley.get().tenants().create(name, null, null);
        return parley.get().tenant(name);
    }

    private static void message(TenantScope tenant, String id, String conversation) {
        tenant.messages().log(new Document("message_id", id).append("conversation_id", conversation).append("content", "hi")
                .append("created_at", BASE.toString()));
    }

    private static Map<String, Long> revs(ScopedCollection messages, List<String> ids) {
        Map<String, Long> revs = new HashMap<>();
        messages.getAll(ids).forEach(doc -> revs.put(doc.getString("message_id"), ((Number) doc.get("rev")).longValue()));
        return revs;
    }

    @Test
    void aHoldPlacedWhileStatusesAreWrittenLeavesNoExpiryAndLosesNoStatus() throws Exception {
        TenantScope t = tenant("hold-race");
        ScopedCollection stored = parley.store().scoped("hold-race", "messages");
        List<String> held = new ArrayList<>();
        List<String> free = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String id = "m-" + i;
            (i % 4 == 0 ? free : held).add(id);
            message(t, id, i % 4 == 0 ? "conv-free" : "conv-held");
        }
        assertThat(stored.getAll(held)).allMatch(doc -> doc.get("expire_at") != null);
        Map<String, Long> before = revs(stored, held);

        int threads = 4;
        List<String> all = new ArrayList<>(held);
        all.addAll(free);
        CountDownLatch lastRoundUnderWay = new CountDownLatch(1);
        AtomicInteger lastRoundWrites = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int slice = w;
            writers.add(pool.submit(() -> {
                for (int round = 0; round < STATUSES.length; round++) {
                    for (int i = slice; i < all.size(); i += threads) {
                        t.messages().updateStatus(all.get(i), STATUSES[round], BASE.plusSeconds(round + 1), "exec-1");
                        if (round == STATUSES.length - 1 && lastRoundWrites.incrementAndGet() == all.size() / 3) {
                            lastRoundUnderWay.countDown();
                        }
                    }
                }
                return null;
            }));
        }
        assertThat(lastRoundUnderWay.await(60, TimeUnit.SECONDS)).isTrue();
        t.updateRetention(new Document("legal_hold", new Document("conversations", List.of("conv-held")).append("reason", "case 9")));
        for (Future<?> writer : writers) {
            writer.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        Map<String, Long> after = revs(stored, held);
        for (Document doc : stored.getAll(held)) {
            String id = doc.getString("message_id");
            assertThat(doc.get("expire_at")).as("expire_at of held %s", id).isNull();
            assertThat(doc.getString("status")).as("status of %s", id).isEqualTo("read");
            assertThat(doc.getList("status_history", Document.class)).extracting(e -> e.getString("status"))
                    .as("history of %s", id).containsExactly(STATUSES);
            assertThat(after.get(id)).as("rev of %s", id).isGreaterThan(before.get(id));
        }
        for (Document doc : stored.getAll(free)) {
            assertThat(doc.get("expire_at")).as("expire_at of %s, not held", doc.getString("message_id")).isNotNull();
            assertThat(doc.getString("status")).isEqualTo("read");
        }
    }

    @Test
    void aWriteComputedBeforeTheHoldLosesItsRaceAndIsRecomputed() {
        TenantScope t = tenant("hold-stale");
        ScopedCollection stored = parley.store().scoped("hold-stale", "messages");
        message(t, "m-1", "conv-1");
        Document seen = stored.get("m-1").orElseThrow(); // as the writer read it, under the policy without a hold
        long rev = seen.getLong("rev");
        Document computed = new Document(seen);
        computed.remove("_id");
        computed.remove("rev");
        computed.put("status", "delivered");
        assertThat(computed.getDate("expire_at")).isNotNull();

        t.updateRetention(new Document("legal_hold", new Document("conversations", List.of("conv-1"))));

        // the writer's conditional write, from what it read before the hold: it must miss
        assertThat(stored.writeVersioned("message_id", List.of(new VersionedChange("m-1", rev, computed)))).isFalse();
        Document now = stored.get("m-1").orElseThrow();
        assertThat(now.get("expire_at")).isNull();
        assertThat(now.getLong("rev")).isGreaterThan(rev);
        // recomputed by the writer under the held policy, the status lands without an expire_at
        t.messages().updateStatus("m-1", "delivered", BASE.plusSeconds(5), "exec-1");
        Document written = stored.get("m-1").orElseThrow();
        assertThat(written.getString("status")).isEqualTo("delivered");
        assertThat(written.get("expire_at")).isNull();
    }

    @Test
    void aTenantHoldAndALongerRetentionClearExpiryTheSameWay() {
        TenantScope t = tenant("hold-all");
        ScopedCollection stored = parley.store().scoped("hold-all", "messages");
        message(t, "m-1", "conv-1");
        message(t, "m-2", "conv-2");
        long rev1 = stored.get("m-1").orElseThrow().getLong("rev");
        t.updateRetention(new Document("days", new Document("messages", 400)));
        Document longer = stored.get("m-1").orElseThrow();
        assertThat(longer.get("expire_at")).isNull();
        assertThat(longer.getLong("rev")).isGreaterThan(rev1);

        message(t, "m-3", "conv-3"); // stamped under 400 days
        Date stamped = stored.get("m-3").orElseThrow().getDate("expire_at");
        assertThat(stamped).isNotNull();
        long rev3 = stored.get("m-3").orElseThrow().getLong("rev");
        t.updateRetention(new Document("legal_hold", new Document("tenant", true)));
        Document underHold = stored.get("m-3").orElseThrow();
        assertThat(underHold.get("expire_at")).isNull();
        assertThat(underHold.getLong("rev")).isGreaterThan(rev3);
    }
}
