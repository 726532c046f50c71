package dev.parley.migrations;

import dev.parley.store.MongoStore;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seed 004's migration example, and migrations run once however many processes start together. */
class MigrationsTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    private static MongoStore store() {
        return parley.store();
    }

    /** A migration that counts its runs and can be made slow or failing. */
    private static final class Counting implements Migration {

        final String id;
        final AtomicInteger runs = new AtomicInteger();
        volatile CountDownLatch hold;
        volatile boolean fail;

        Counting(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String description() {
            return "test migration " + id;
        }

        @Override
        public long up(MongoStore store) {
            runs.incrementAndGet();
            if (fail) {
                throw new IllegalStateException("broken on purpose");
            }
            if (hold != null) {
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return 0;
        }
    }

    @Test
    void seed004ContactIdNullWhereMissingInEveryTenantOnce() {
        parley.get().tenant("mig-a").conversations().start(new Document("conversation_id", "no-contact").append("agent_id", "x").append("channel", "chat"));
        parley.get().tenant("mig-a").conversations().start(new Document("conversation_id", "has-contact").append("agent_id", "x")
                .append("channel", "chat").append("contact_id", "contact-7"));
        parley.get().tenant("mig-b").conversations().start(new Document("conversation_id", "no-contact").append("agent_id", "y").append("channel", "sms"));

        List<Migrations.Outcome> dry = parley.get().migrate(true);
        assertThat(dry).extracting(Migrations.Outcome::status).containsExactly("pending", "pending", "pending");
        assertThat(parley.get().tenant("mig-a").conversations().get("no-contact")).doesNotContainKey("contact_id");

        List<Migrations.Outcome> first = parley.get().migrate(false);
        assertThat(first).extracting(Migrations.Outcome::id, Migrations.Outcome::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("0001-conversations-contact-id", "applied"),
                        org.assertj.core.groups.Tuple.tuple("0002-messages-rev-index-dropped", "applied"),
                        org.assertj.core.groups.Tuple.tuple("0003-conversations-agent-unassigned", "applied"));
        assertThat(first.get(0).changed()).isGreaterThanOrEqualTo(2);
        Document none = parley.get().tenant("mig-a").conversations().get("no-contact");
        assertThat(none).containsKey("contact_id");
        assertThat(none.get("contact_id")).isNull();
        assertThat(parley.get().tenant("mig-b").conversations().get("no-contact")).containsKey("contact_id");
        assertThat(parley.get().tenant("mig-a").conversations().get("has-contact").getString("contact_id")).isEqualTo("contact-7");

        assertThat(parley.get().migrate(false)).extracting(Migrations.Outcome::status).containsExactly("done", "done", "done");
        Document record = store().platform(Migrations.COLLECTION).get("0001-conversations-contact-id").orElseThrow();
        assertThat(record.getString("checksum")).hasSize(64).isEqualTo(Migrations.checksum(new ConversationsContactId()));
        assertThat(record.getDate("finished_at")).isNotNull();
    }

    @Test
    void conversationsCreatedOnTheFlyBeforeAgentIdsGetUnassignedOnce() {
        parley.get().tenant("mig-agent").messages().log(new Document("message_id", "m-1").append("conversation_id", "on-the-fly")
                .append("content", "hi"));
        parley.get().tenant("mig-agent").conversations().start(new Document("conversation_id", "started").append("agent_id", "agent-7")
                .append("channel", "chat"));
        store().platform("conversations").update("mig-agent|on-the-fly", new Document("$unset", new Document("agent_id", "")));
        assertThat(parley.get().tenant("mig-agent").conversations().get("on-the-fly")).doesNotContainKey("agent_id");

        ConversationsAgentAssigned migration = new ConversationsAgentAssigned();
        assertThat(migration.up(store())).isEqualTo(1);
        assertThat(parley.get().tenant("mig-agent").conversations().get("on-the-fly").getString("agent_id")).isEqualTo("unassigned");
        assertThat(parley.get().tenant("mig-agent").conversations().get("started").getString("agent_id")).isEqualTo("agent-7");
        assertThat(migration.up(store())).as("idempotent").isZero();
    }

    @Test
    void theMessagesRevIndexIsDroppedAndMessagesStillRaceSafely() {
        store().indexes().ensure(List.of(dev.parley.store.IndexSpec.on("messages", MessagesRevIndexDropped.INDEX, "message_id", "rev")
                .asUnique())); // as a data directory from before has it
        dev.parley.messages.Messages messages = parley.get().tenant("mig-rev").messages();
        messages.log(new Document("message_id", "m-1").append("conversation_id", "c-1").append("content", "hello"));

        MessagesRevIndexDropped migration = new MessagesRevIndexDropped();
        assertThat(migration.up(store())).isEqualTo(1);
        assertThat(store().indexesOf("messages")).extracting(index -> index.getString("name"))
                .doesNotContain(MessagesRevIndexDropped.INDEX);
        assertThat(migration.up(store())).as("idempotent").isZero();

        messages.updateStatus("m-1", "delivered", java.time.Instant.parse("2026-01-01T00:00:05Z"), null);
        messages.updateStatus("m-1", "read", java.time.Instant.parse("2026-01-01T00:00:09Z"), null);
        Document stored = messages.get("m-1");
        assertThat(stored.getString("status")).isEqualTo("read");
        assertThat(stored.getString("content")).isEqualTo("hello");
        assertThat(stored.getList("status_history", Document.class)).hasSize(2);
    }

    @Test
    void twoProcessesStartingTogetherRunAMigrationOnce() throws Exception {
        Counting slow = new Counting("9001-slow");
        slow.hold = new CountDownLatch(1);
        List<List<Migrations.Outcome>> results = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Migrations process = new Migrations(store(), List.of(slow), Clock.systemUTC());
            Thread thread = new Thread(() -> {
                List<Migrations.Outcome> outcome = process.run(false);
                synchronized (results) {
                    results.add(outcome);
                }
            });
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(500); // both have tried to claim it by now
        slow.hold.countDown();
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertThat(slow.runs.get()).isEqualTo(1);
        assertThat(results).extracting(r -> r.get(0).status()).containsExactlyInAnyOrder("applied", "running");
    }

    @Test
    void aClaimWhoseLeaseRanOutIsTakenOverAndAFailureIsRetried() {
        Counting stale = new Counting("9002-stale");
        store().platform(Migrations.COLLECTION).insert(new Document("_id", "9002-stale").append("status", "running")
                .append("owner", "dead-process").append("lease_until", new Date(System.currentTimeMillis() - 1_000)));
        assertThat(new Migrations(store(), List.of(stale), Clock.systemUTC()).run(false))
                .extracting(Migrations.Outcome::status).containsExactly("applied");
        assertThat(stale.runs.get()).isEqualTo(1);

        Counting broken = new Counting("9003-broken");
        broken.fail = true;
        Migrations runner = new Migrations(store(), List.of(broken), Clock.systemUTC());
        assertThatThrownBy(() -> runner.run(false)).hasMessageContaining("broken on purpose");
        assertThat(store().platform(Migrations.COLLECTION).get("9003-broken").orElseThrow().getString("status")).isEqualTo("failed");
        broken.fail = false;
        assertThat(runner.run(false)).extracting(Migrations.Outcome::status).containsExactly("applied");
        assertThat(broken.runs.get()).isEqualTo(2);
    }
}
