package dev.parley.server;

import dev.parley.Parley;
import dev.parley.ParleyConfig;
import dev.parley.StoreAccess;
import dev.parley.testing.PersonTraces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI as a user runs it: a separate JVM on ./data, with or without a server holding it. */
class CliTest {

    @TempDir
    Path data;

    @Test
    void createsTenantsAndIndexesOnItsOwn() throws Exception {
        Run created = parley("tenants", "create", "cli-made", "--timezone", "Asia/Riyadh", "--json");
        assertThat(created.code).as(created.output).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(created.output);
        assertThat(json.get("organization_id").asString()).isEqualTo("cli-made");
        assertThat(json.get("api_key").asString()).startsWith("pk_");

        Run listed = parley("tenants", "list");
        assertThat(listed.output).contains("cli-made").contains("Asia/Riyadh");

        Run initDb = parley("init-db");
        assertThat(initDb.code).isZero();
        assertThat(initDb.output).contains("created").contains("tenants.organization_id_unique");
        Run again = parley("init-db");
        assertThat(again.output).contains("already there").doesNotContain("created ")
                .contains("indexes checked, 0 warnings");

        Run rotated = parley("tenants", "rotate-key", "cli-made", "--json");
        assertThat(rotated.output).contains("\"api_key\"").doesNotContain(json.get("api_key").asString());
    }

    @Test
    void worksBesideAServerThatHoldsTheDataDirectory() throws Exception {
        try (Parley server = Parley.connect(ParleyConfig.from(Map.of("PARLEY_DATA_DIR", data.toString(), "PARLEY_EMBEDDED", "h2")))) {
            Run created = parley("tenants", "create", "beside", "--json");
            assertThat(created.code).as(created.output).isZero();
            String key = JsonMapper.builder().build().readTree(created.output).get("api_key").asString();

            assertThat(server.tenants().authenticate(key)).contains("beside");
        }
    }

    @Test
    void auditVerifyReportsEachTenantsChainAndFailsOnABrokenOne() throws Exception {
        try (Parley parley = Parley.connect(ParleyConfig.from(Map.of("PARLEY_DATA_DIR", data.toString(), "PARLEY_EMBEDDED", "h2")))) {
            parley.tenants().create("intact", null, null);
            parley.tenants().create("tampered", null, null);
            for (String tenant : List.of("intact", "tampered")) {
                for (int i = 0; i < 3; i++) {
                    parley.tenant(tenant).audit().log(new org.bson.Document("user_id", "u").append("action", "delete")
                            .append("resource_type", "contact").append("resource_id", "c" + i));
                }
            }
            StoreAccess.of(parley).scoped("tampered", "audit_logs").updateByKey("000000000002",
                    new org.bson.Document("$set", new org.bson.Document("resource_id", "someone-else")), false);
            StoreAccess.of(parley).awaitDurable();
            // in this process, which runs the H2 store, verification reads the store directly
            assertThat(parley.tenant("intact").audit().verify().getLong("checked")).isEqualTo(5);
            parley.tenants().create("typed", null, null); // values the direct read hands over through BSON
            parley.tenant("typed").audit().log(new org.bson.Document("user_id", "u").append("action", "update")
                    .append("resource_type", "contact").append("resource_id", "c").append("changes", new org.bson.Document("after",
                            new org.bson.Document("ref", new org.bson.types.ObjectId()).append("amount",
                                    org.bson.types.Decimal128.parse("12.50")).append("at", new java.util.Date()))));
            assertThat(parley.tenant("typed").audit().verify().getBoolean("valid")).isTrue();
            assertThat(parley.tenant("tampered").audit().verify().get("first_broken", org.bson.Document.class).getLong("seq"))
                    .isEqualTo(2);

            // each chain: tenant created, first key issued (Parley's own entries), then the three above
            Run one = parley("audit", "verify", "--tenant", "intact");
            assertThat(one.code).as(one.output).isZero();
            assertThat(one.output).contains("intact").contains("OK").contains("5 of 5 entries checked");
            Run all = parley("audit", "verify");
            assertThat(all.code).isEqualTo(1);
            assertThat(all.output).contains("tampered").contains("BROKEN").contains("entry 2 is changed after it was written");
        }
    }

    @Test
    void auditCheckpointsKeptElsewhereFindARollbackThatVerifyAloneCannot(@TempDir Path elsewhere) throws Exception {
        Path file = elsewhere.resolve("audit-checkpoints.jsonl");
        try (Parley parley = Parley.connect(ParleyConfig.from(Map.of("PARLEY_DATA_DIR", data.toString(), "PARLEY_EMBEDDED", "h2")))) {
            parley.tenants().create("kept", null, null);
            logSome(parley, "kept", 3);
            var heads = StoreAccess.of(parley).scoped("kept", "audit_heads");
            org.bson.Document oldHead = heads.get("chain").orElseThrow();
            Run first = parley("audit", "checkpoint", "--out", file.toString());
            assertThat(first.code).as(first.output).isZero();
            assertThat(first.output).contains("kept").contains("checkpoint at seq 5");
            logSome(parley, "kept", 3);
            assertThat(parley("audit", "checkpoint", "--out", file.toString()).code).isZero();
            assertThat(java.nio.file.Files.readAllLines(file)).hasSize(2).allMatch(line -> line.contains("\"organization_id\": \"kept\""));

            Run held = parley("audit", "verify", "--against", file.toString());
            assertThat(held.code).as(held.output).isZero();
            assertThat(held.output).contains("8 of 8 entries checked; keyed from seq 1, head signed; 2 checkpoints held");

            // rolled back: the last three entries deleted and the head as it was then put back
            StoreAccess.of(parley).scoped("kept", "audit_logs").deleteByKeys(List.of("000000000006", "000000000007", "000000000008"));
            heads.updateByKey("chain", new org.bson.Document("$set", new org.bson.Document("seq", oldHead.get("seq"))
                    .append("signed", oldHead.get("signed"))), false);
            StoreAccess.of(parley).awaitDurable();
            assertThat(parley("audit", "verify").code).as("a signed head alone cannot tell").isZero();
            Run rolledBack = parley("audit", "verify", "--against", file.toString());
            assertThat(rolledBack.code).isEqualTo(1);
            assertThat(rolledBack.output).contains("BROKEN").contains("entry 6 is missing").contains("rolled back");

            java.nio.file.Files.writeString(elsewhere.resolve("bad.jsonl"), "{\"organization_id\": \"kept\"}\n");
            Run bad = parley("audit", "verify", "--against", elsewhere.resolve("bad.jsonl").toString());
            assertThat(bad.code).isEqualTo(2);
            assertThat(bad.output).contains("--against").contains("line 1").contains("seq");

            // a chain written before chains were keyed: verifies, says so, and --require-keyed refuses it
            dev.parley.audit.LegacyChains.write(StoreAccess.of(parley), "old", 3);
            // the tenant as it was then (created before chains were keyed; created now it would append a keyed entry)
            StoreAccess.of(parley).platform("tenants").insert(new org.bson.Document("_id", "old").append("organization_id", "old")
                    .append("name", "old").append("timezone", "UTC").append("created_at", new java.util.Date()));
            StoreAccess.of(parley).awaitDurable();
            Run legacy = parley("audit", "verify", "--tenant", "old");
            assertThat(legacy.code).as(legacy.output).isZero();
            assertThat(legacy.output).contains("3 of 3 entries checked; no keyed entries, head unsigned")
                    .contains("note: 3 entries are unkeyed").contains("protected against accidental change only");
            Run strict = parley("audit", "verify", "--tenant", "old", "--require-keyed");
            assertThat(strict.code).isEqualTo(1);
            assertThat(strict.output).contains("BROKEN").contains("3 unkeyed entries (--require-keyed)");
        }
    }

    private static void logSome(Parley parley, String tenant, int n) {
        for (int i = 0; i < n; i++) {
            parley.tenant(tenant).audit().log(new org.bson.Document("user_id", "u").append("action", "view")
                    .append("resource_type", "contact").append("resource_id", "c" + i));
        }
    }

    @Test
    void analyticsRebuildRestoresLostRollupsFromTheRawPoints() throws Exception {
        try (Parley parley = Parley.connect(ParleyConfig.from(Map.of("PARLEY_DATA_DIR", data.toString(), "PARLEY_EMBEDDED", "h2")))) {
            parley.tenants().create("rebuilt", null, null);
            var analytics = parley.tenant("rebuilt").analytics();
            for (int value : new int[] {10, 20, 30}) {
                analytics.log(new org.bson.Document("metric_type", "campaigns_executed").append("value", value));
            }
            java.time.ZoneId utc = java.time.ZoneId.of("UTC");
            List<org.bson.Document> before = analytics.daily("campaigns_executed", 2, utc, Map.of());
            StoreAccess.of(parley).scoped("rebuilt", "analytics_rollups").deleteMany(new org.bson.Document());
            assertThat(analytics.daily("campaigns_executed", 2, utc, Map.of())).isEmpty();

            Run rebuild = parley("analytics", "rebuild", "--tenant", "rebuilt", "--since", "2026-01-01T00:00:00Z");
            assertThat(rebuild.code).as(rebuild.output).isZero();
            assertThat(rebuild.output).contains("rebuilt").contains("3 points");
            assertThat(analytics.daily("campaigns_executed", 2, utc, Map.of())).isEqualTo(before)
                    .extracting(d -> d.get("total")).containsExactly(60L);
        }
    }

    @Test
    void searchReindexRebuildsTheIndexOfMessagesAndConversations() throws Exception {
        try (Parley parley = Parley.connect(ParleyConfig.from(Map.of("PARLEY_DATA_DIR", data.toString(), "PARLEY_EMBEDDED", "h2")))) {
            parley.tenants().create("indexed", null, null);
            var tenant = parley.tenant("indexed");
            tenant.messages().logAll(List.of(
                    new org.bson.Document("message_id", "m1").append("conversation_id", "c1").append("content", "المدرسة مغلقة"),
                    new org.bson.Document("message_id", "m2").append("conversation_id", "c1").append("content", "refunds processed")));
            tenant.conversations().start(new org.bson.Document("conversation_id", "c7").append("agent_id", "a").append("channel", "chat")
                    .append("metadata", new org.bson.Document("custom_fields", new org.bson.Document("plan", "gold"))));
            // as after restoring a backup taken before search existed: no index, no numbers
            for (String collection : List.of("search_postings", "search_terms", "search_refs")) {
                StoreAccess.of(parley).scoped("indexed", collection).deleteMany(new org.bson.Document());
            }
            StoreAccess.of(parley).scoped("indexed", "messages").updateMany(new org.bson.Document(),
                    new org.bson.Document("$unset", new org.bson.Document("search_seq", "")).append("$inc", new org.bson.Document("rev", 1L)));
            assertThat(tenant.messages().search("مدرسة", null, 10, null).messages()).isEmpty();

            Run reindex = parley("search", "reindex", "--tenant", "indexed");
            assertThat(reindex.code).as(reindex.output).isZero();
            assertThat(reindex.output).contains("indexed").contains("2 messages and 1 conversations indexed");

            assertThat(tenant.messages().search("مدرسة", null, 10, null).messages()).extracting(m -> m.getString("message_id"))
                    .containsExactly("m1");
            assertThat(tenant.messages().search("refund", null, 10, null).messages()).hasSize(1);
            assertThat(tenant.conversations().search("gold", 10, null).hits()).hasSize(1);
            tenant.messages().log(new org.bson.Document("message_id", "m3").append("conversation_id", "c1").append("content", "new school refund"));
            assertThat(tenant.messages().search("refund", null, 10, null).messages()).hasSize(2); // the writer numbers after the rebuild

            Run seeded = parley("seed", "--tenant", "seeded", "--conversations", "3", "--messages-per", "4", "--days", "2");
            assertThat(seeded.code).as(seeded.output).isZero();
            assertThat(seeded.output).contains("seeded: 3 conversations, 12 messages");
            // issue 23: where to go and a key to sign in with, shown once, that works
            assertThat(seeded.output).contains("Open http://localhost:8080/").contains("sign in with this API key of tenant seeded");
            java.util.regex.Matcher printed = java.util.regex.Pattern.compile("(?m)^  (pk_\\S+)$").matcher(seeded.output);
            assertThat(printed.find()).as(seeded.output).isTrue();
            assertThat(parley.tenants().authenticate(printed.group(1))).contains("seeded");
            Run again = parley("seed", "--tenant", "seeded", "--conversations", "3", "--messages-per", "4", "--days", "2");
            assertThat(again.code).as(again.output).isZero();
            assertThat(parley.tenant("seeded").messages().history("demo-42-0", new dev.parley.messages.HistoryQuery(50, null, null, true))
                    .messages()).hasSize(4); // no duplicates when run again
            assertThat(parley.tenants().authenticate(printed.group(1))).as("the first key still works").contains("seeded");
            Run stats = parley("stats");
            assertThat(stats.code).as(stats.output).isZero();
            long messages = StoreAccess.of(parley).platform("messages").count(new org.bson.Document());
            assertThat(stats.output).containsPattern("(?m)^messages\\s+" + String.format("%,d", messages) + "\\s").contains("indexed=3").containsPattern("seeded=1\\d");

            Run dry = parley("migrate", "--dry-run");
            assertThat(dry.output).contains("pending").contains("0001-conversations-contact-id");
            Run migrate = parley("migrate");
            assertThat(migrate.code).as(migrate.output).isZero();
            assertThat(migrate.output).contains("applied").contains("0001-conversations-contact-id");
            assertThat(tenant.conversations().get("c7")).containsKey("contact_id");

            Run backup = parley("backup", "--out", data.resolve("backup").toString(), "--tenant", "indexed", "--gzip");
            assertThat(backup.code).as(backup.output).isZero();
            assertThat(backup.output).contains("backup of indexed written");
            assertThat(data.resolve("backup").resolve("parley").resolve("messages.bson.gz")).exists();
            Run restore = parley("restore", data.resolve("backup").toString(), "--tenant", "indexed", "--into-tenant", "indexed-copy");
            assertThat(restore.code).as(restore.output).isZero();
            assertThat(parley.tenant("indexed-copy").messages().get("m3").getString("content")).isEqualTo("new school refund");
        }
    }

    @Test
    void retentionRunPrintsWhatWouldGoThenDeletesIt() throws Exception {
        try (Parley parley = Parley.connect(ParleyConfig.from(Map.of("PARLEY_DATA_DIR", data.toString(), "PARLEY_EMBEDDED", "h2")))) {
            parley.tenants().create("swept", null, null);
            var messages = parley.tenant("swept").messages();
            messages.log(new org.bson.Document("message_id", "old").append("conversation_id", "c").append("content", "x")
                    .append("created_at", java.time.Instant.now().minus(java.time.Duration.ofDays(200)).toString()));
            messages.log(new org.bson.Document("message_id", "new").append("conversation_id", "c").append("content", "y"));
            // stored 200 days ago: retention counts from when Parley stored a message, not from its created_at
            StoreAccess.of(parley).scoped("swept", "messages").updateByKey("old", new org.bson.Document("$set",
                    new org.bson.Document("stored_at", java.util.Date.from(java.time.Instant.now().minus(java.time.Duration.ofDays(200))))), false);

            Run dry = parley("retention", "run", "--dry-run", "--tenant", "swept");
            assertThat(dry.code).as(dry.output).isZero();
            assertThat(dry.output).contains("WOULD DELETE").containsPattern("swept\\s+messages\\s+90\\s+\\S+\\s+1\\b")
                    .contains("1 documents would be deleted (dry run)");
            assertThat(StoreAccess.of(parley).scoped("swept", "messages").get("old")).isPresent();

            Run run = parley("retention", "run");
            assertThat(run.code).as(run.output).isZero();
            assertThat(run.output).contains("DELETED").containsPattern("swept\\s+messages\\s+90\\s+\\S+\\s+1\\b");
            assertThat(StoreAccess.of(parley).scoped("swept", "messages").get("old")).isEmpty();
            assertThat(StoreAccess.of(parley).scoped("swept", "messages").get("new")).isPresent();
        }
    }

    @Test
    void importOfAnOldExportPrintsWhatRetentionWillDoToIt() throws Exception {
        assertThat(parley("tenants", "create", "old-chats").code).isZero();
        Path chat = java.nio.file.Files.writeString(data.resolve("chat-2018.txt"),
                "14/03/2018, 09:15 - Rana: Is it shipped?\n14/03/2018, 09:20 - Shop: Yes\n");

        Run imported = parley("import", chat.toString(), "--format", "whatsapp-export", "--tenant", "old-chats", "--me", "Shop");

        assertThat(imported.code).as(imported.output).isZero();
        assertThat(imported.output).contains("\"counted_from\": \"stored_at\"").contains("\"dated_before_window\": 2")
                .contains("import: 2 of these messages are dated before the tenant's 90-day retention window (the oldest on 2018-03-14)");
    }

    @Test
    void contactsListExportWithAProgressBarAndEraseAfterConfirmation() throws Exception {
        assertThat(parley("tenants", "create", "cli-people", "--timezone", "Asia/Riyadh").code).isZero();
        Path chat = java.nio.file.Files.writeString(data.resolve("chat.txt"),
                "14/03/2026, 09:15 - +966 55 000 1234: وصل الطلب؟ parcelwren\n14/03/2026, 09:20 - Shop: Yes\n");
        assertThat(parley("import", chat.toString(), "--format", "whatsapp-export", "--tenant", "cli-people", "--me", "Shop",
                "--conversation-id", "chat-1").code).isZero();

        Run listed = parley("contacts", "list", "--tenant", "cli-people", "--q", "+966550001234");
        assertThat(listed.code).as(listed.output).isZero();
        assertThat(listed.output).contains("+966550001234").contains("1 contacts");
        String id = listed.output.lines().filter(line -> line.startsWith("ct_")).findFirst().orElseThrow().split("\\s+")[0];

        Path zip = data.resolve("out.zip");
        Run exported = parley("contacts", "export", id, "--tenant", "cli-people", "--out", zip.toString());
        assertThat(exported.code).as(exported.output).isZero();
        assertThat(exported.output).contains("100%").contains("documents");
        String transcript;
        try (java.util.zip.ZipFile file = new java.util.zip.ZipFile(zip.toFile())) {
            transcript = new String(file.getInputStream(file.getEntry("transcripts/chat-1.txt")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(transcript).isEqualTo("14/03/2026, 09:15 - +966 55 000 1234: وصل الطلب؟ parcelwren\n14/03/2026, 09:20 - Shop: Yes\n");

        Run refused = parleyWithInput("no\n", "contacts", "erase", id, "--tenant", "cli-people");
        assertThat(refused.code).isNotZero();
        assertThat(refused.output).contains("not confirmed, nothing erased");
        Run erased = parleyWithInput(id + "\n", "contacts", "erase", id, "--tenant", "cli-people");
        assertThat(erased.code).as(erased.output).isZero();
        assertThat(erased.output).contains("\"clean\": true").doesNotContain("parcelwren").doesNotContain("550001234");
        assertThat(parley("contacts", "report", id, "--tenant", "cli-people").output).contains("\"erasure_id\"");
        assertThat(parley("contacts", "show", id, "--tenant", "cli-people").code).isNotZero();
    }

    /**
     * Issue 21, backups: a contact erased after a backup comes back with its restore and is erased
     * again by it; after a restore by other means (as mongorestore does it) {@code contacts
     * reapply-erasures} does the same, changes nothing when run again, and under a legal hold says
     * what it could not erase and exits 3.
     */
    @Test
    void restoreReappliesTheErasureLogAndSoDoesReapplyErasuresAfterARawRestore() throws Exception {
        String tenant = "cli-restore";
        assertThat(parley("tenants", "create", tenant, "--timezone", "Asia/Riyadh").code).isZero();
        Path person = Files.writeString(data.resolve("person.txt"),
                "14/03/2026, 09:15 - +966 55 000 4321: marmotfig, where is it?\n14/03/2026, 09:20 - Shop: on its way\n");
        Path other = Files.writeString(data.resolve("other.txt"), "15/03/2026, 10:00 - +966 55 000 8765: otterbloom\n");
        assertThat(parley("import", person.toString(), "--format", "whatsapp-export", "--tenant", tenant, "--me", "Shop",
                "--conversation-id", "chat-p").code).isZero();
        assertThat(parley("import", other.toString(), "--format", "whatsapp-export", "--tenant", tenant, "--me", "Shop",
                "--conversation-id", "chat-o").code).isZero();
        Path backup = data.resolve("backup");
        assertThat(parley("backup", "--out", backup.toString(), "--tenant", tenant).code).isZero();
        String id = parley("contacts", "list", "--tenant", tenant, "--q", "+966550004321").output.lines()
                .filter(line -> line.startsWith("ct_")).findFirst().orElseThrow().split("\\s+")[0];
        assertThat(parley("contacts", "erase", id, "--tenant", tenant, "--yes").code).isZero();

        Run restored = parley("restore", backup.toString(), "--tenant", tenant);

        assertThat(restored.code).as(restored.output).isZero();
        assertThat(restored.output).contains("erased again: contact " + id + " of " + tenant).contains("report clean")
                .contains("erasure log re-applied: 1 contacts erased again");
        assertThat(parley("contacts", "list", "--tenant", tenant, "--q", "+966550004321").output).contains("0 contacts");
        assertThat(parley("contacts", "list", "--tenant", tenant, "--q", "+966550008765").output).contains("1 contacts");
        assertThat(parley("audit", "verify", "--tenant", tenant).code).isZero();

        try (Parley parley = Parley.connect(ParleyConfig.from(Map.of("PARLEY_DATA_DIR", data.toString(), "PARLEY_EMBEDDED", "h2")))) {
            rawRestore(parley, backup);
            assertThat(parley.tenant(tenant).contacts().list("+966550004321", 10, null)).as("back with the raw restore").hasSize(1);

            Run reapplied = parley("contacts", "reapply-erasures", "--tenant", tenant);
            assertThat(reapplied.code).as(reapplied.output).isZero();
            assertThat(reapplied.output).contains("erased again: contact " + id).contains("1 contacts erased again");
            assertThat(PersonTraces.naming(parley, tenant, "966550004321", "marmotfig")).isEmpty();
            assertThat(parley.tenant(tenant).contacts().list("+966550008765", 10, null)).hasSize(1);
            assertThat(parley.tenant(tenant).contactErasure().report(id).getList("reapplied", org.bson.Document.class)).hasSize(2);
            Run again = parley("contacts", "reapply-erasures");
            assertThat(again.code).as(again.output).isZero();
            assertThat(again.output).contains("erasure log re-applied: 0 contacts erased again");

            parley.retention().update(tenant, new org.bson.Document("legal_hold", new org.bson.Document("tenant", true)
                    .append("reason", "case 9")));
            rawRestore(parley, backup);
            Run held = parley("contacts", "reapply-erasures", "--tenant", tenant);
            assertThat(held.code).as(held.output).isEqualTo(3);
            assertThat(held.output).contains("NOT ERASED: contact " + id).contains("case 9")
                    .contains("./parley contacts reapply-erasures --tenant " + tenant).contains("0 contacts erased again, 1 NOT");
            parley.retention().update(tenant, new org.bson.Document("legal_hold", new org.bson.Document("tenant", false)));
            assertThat(parley("contacts", "reapply-erasures", "--tenant", tenant).output).contains("1 contacts erased again");
            assertThat(PersonTraces.naming(parley, tenant, "966550004321", "marmotfig")).isEmpty();
        }
        assertThat(parley("audit", "verify", "--tenant", tenant).code).isZero();
    }

    /** The backup's documents put back as mongorestore would (without --drop): no erasure re-applied. */
    private static void rawRestore(Parley parley, Path backup) {
        StoreAccess.of(parley).dumps().restore(backup, doc -> true, doc -> doc, null, (collection, n) -> { }, java.util.Set.of(), java.util.Set.of());
    }

    /**
     * A contact with 100,000 messages is exported by a JVM with a 64 MB heap: held whole, their
     * messages alone would need several times that, so the export must stream.
     */
    @Test
    void theExportOfAHugeContactStreamsInASmallHeap() throws Exception {
        assertThat(parley("tenants", "create", "cli-huge").code).isZero();
        int n = 100_000;
        Path chat = data.resolve("huge.txt");
        try (java.io.BufferedWriter out = java.nio.file.Files.newBufferedWriter(chat)) {
            for (int i = 0; i < n; i++) {
                out.write(String.format("%02d/03/2026, %02d:%02d - +966 55 000 9999: message %d of a very long history, padded to look like"
                        + " what people write, with a few more words in it%n", 1 + i / 1440 % 28, i / 60 % 24, i % 60, i));
            }
        }
        assertThat(parley("import", chat.toString(), "--format", "whatsapp-export", "--tenant", "cli-huge",
                "--conversation-id", "huge-1").code).isZero();
        String id = parley("contacts", "list", "--tenant", "cli-huge").output.lines().filter(line -> line.startsWith("ct_"))
                .findFirst().orElseThrow().split("\\s+")[0];
        Path zip = data.resolve("huge.zip");
        Run exported = parleyIn(List.of("-Xmx64m"), null, "contacts", "export", id, "--tenant", "cli-huge", "--out", zip.toString());
        assertThat(exported.code).as(exported.output).isZero();
        try (java.util.zip.ZipFile file = new java.util.zip.ZipFile(zip.toFile())) {
            assertThat(new String(file.getInputStream(file.getEntry("transcripts/huge-1.txt")).readAllBytes(), StandardCharsets.UTF_8)
                    .lines().count()).isEqualTo(n);
            assertThat(file.getEntry("messages.json").getSize()).isGreaterThan(n * 300L);
        }
    }

    @Test
    void webhooksUnroutedListsTheBoundedRecordsOfUnknownNumbers() throws Exception {
        try (Parley parley = Parley.connect(ParleyConfig.from(Map.of("PARLEY_DATA_DIR", data.toString(), "PARLEY_EMBEDDED", "h2")))) {
            byte[] big = ("{\"entry\":[{\"changes\":[{\"value\":{\"metadata\":{\"phone_number_id\":\"5550123\"},\"note\":\""
                    + "n".repeat(40_000) + "\"}}]}]}").getBytes(StandardCharsets.UTF_8);
            String id = parley.whatsAppWebhook().receive(big, null).rawId();

            Run listed = parley("webhooks", "unrouted");

            assertThat(listed.code).as(listed.output).isZero();
            assertThat(listed.output).contains(id).contains("unrouted phone_number_id 5550123")
                    .contains("(truncated: " + big.length + " bytes received, the first kept)");
        }
    }

    @Test
    void badInputExitsNonZeroWithTheReason() throws Exception {
        Run bad = parley("tenants", "create", "Not A Slug");
        assertThat(bad.code).isNotZero();
        assertThat(bad.output).contains("organization_id");
        Path file = java.nio.file.Files.writeString(data.resolve("chat.txt"), "hello");
        Run format = parley("import", file.toString(), "--format", "xml", "--tenant", "demo");
        assertThat(format.code).isEqualTo(2);
        assertThat(format.output).contains("parley import: format:").doesNotContain("Exception");
    }

    /** Issue 22, gap 16: the time zone changes, audited; the tenant's reports and times follow it. */
    @Test
    void tenantsUpdateChangesTheTimeZoneAudited() throws Exception {
        assertThat(parley("tenants", "create", "cli-zone", "--timezone", "UTC").code).isZero();
        Run updated = parley("tenants", "update", "cli-zone", "--timezone", "Asia/Riyadh", "--name", "Zone Co", "--json");
        assertThat(updated.code).as(updated.output).isZero();
        assertThat(updated.output).contains("\"timezone\": \"Asia/Riyadh\"").contains("\"name\": \"Zone Co\"");
        assertThat(parley("tenants", "list").output).containsPattern("cli-zone +Zone Co +Asia/Riyadh");
        Run bad = parley("tenants", "update", "cli-zone", "--timezone", "Mars/Olympus");
        assertThat(bad.code).isNotZero();
        assertThat(bad.output).contains("timezone").doesNotContain("\tat ");
        assertThat(parley("tenants", "update", "nobody-here", "--timezone", "UTC").output).contains("no tenant nobody-here");
        try (Parley parley = Parley.connect(ParleyConfig.from(Map.of("PARLEY_DATA_DIR", data.toString(), "PARLEY_EMBEDDED", "h2")))) {
            assertThat(parley.tenant("cli-zone").timeZone().getId()).isEqualTo("Asia/Riyadh");
            List<org.bson.Document> changes = parley.tenant("cli-zone").audit().resourceHistory("cli-zone", 10);
            org.bson.Document update = changes.stream().filter(e -> "update".equals(e.getString("action"))).findFirst().orElseThrow();
            assertThat(update.get("changes", org.bson.Document.class).get("before", org.bson.Document.class).getString("timezone"))
                    .isEqualTo("UTC");
            assertThat(update.get("changes", org.bson.Document.class).get("after", org.bson.Document.class).getString("timezone"))
                    .isEqualTo("Asia/Riyadh");
        }
    }

    private record Run(int code, String output) {
    }

    @Test
    void usersCreateTakesThePasswordFromStdinAndTheUserCanLogIn() throws Exception {
        assertThat(parley("tenants", "create", "cli-users").code).isZero();
        Run created = parleyWithInput("s3cret-from-stdin\n", "users", "create", "--tenant", "cli-users", "--user-id", "ops",
                "--role", "admin", "--password-stdin");
        assertThat(created.code).as(created.output).isZero();
        assertThat(created.output).contains("\"role\": \"admin\"").contains("\"has_password\": true").doesNotContain("s3cret");
        Run listed = parley("users", "list", "--tenant", "cli-users");
        assertThat(listed.output).contains("ops").contains("admin").contains("password");
        Run noTenant = parleyWithInput("whatever-password\n", "users", "create", "--tenant", "nowhere", "--user-id", "x", "--password-stdin");
        assertThat(noTenant.code).isNotZero();
        assertThat(noTenant.output).contains("no tenant nowhere");
        try (Parley parley = Parley.connect(ParleyConfig.from(Map.of("PARLEY_DATA_DIR", data.toString(), "PARLEY_EMBEDDED", "h2")))) {
            assertThat(parley.users().authenticate("cli-users", "ops", "s3cret-from-stdin")).isPresent();
        }
    }

    /** Issue 23: a typo in --tenant imported into a tenant nobody could see; ordinary errors printed stack traces. */
    @Test
    void unknownTenantsAreRefusedAndErrorsAreOneLine() throws Exception {
        Path chat = data.resolve("chat.txt");
        Files.writeString(chat, "3/2/24, 9:15 AM - Sam: hello\n");
        Run imported = parley("import", chat.toString(), "--format", "whatsapp-export", "--tenant", "nosuchtenant");
        assertThat(imported.code).as(imported.output).isEqualTo(2);
        assertThat(imported.output).contains("no tenant nosuchtenant").doesNotContain("\tat ");
        Run verified = parley("audit", "verify", "--tenant", "nosuch");
        assertThat(verified.code).isEqualTo(2);
        assertThat(verified.output).contains("no tenant nosuch").doesNotContain("OK");

        assertThat(parley("tenants", "create", "cli-twice").code).isZero();
        Run twice = parley("tenants", "create", "cli-twice");
        assertThat(twice.code).isEqualTo(1);
        assertThat(twice.output.strip().lines().filter(line -> line.startsWith("parley")).toList()).hasSize(1);
        assertThat(twice.output).contains("already exists").doesNotContain("\tat ").doesNotContain("Exception");
        Run verbose = parley("tenants", "create", "cli-twice", "--verbose");
        assertThat(verbose.output).contains("\tat ");
    }

    private Run parley(String... args) throws Exception {
        return parleyWithInput(null, args);
    }

    private Run parleyWithInput(String stdin, String... args) throws Exception {
        return parleyIn(List.of(), stdin, args);
    }

    /** The CLI in a JVM of its own started with {@code jvmOptions} (e.g. a small heap). */
    private Run parleyIn(List<String> jvmOptions, String stdin, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ParleyMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("MONGO") || name.startsWith("PARLEY_"));
        builder.environment().put("PARLEY_DATA_DIR", data.toString());
        Process process = builder.start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output.strip());
    }
}
