package dev.parley.backup;

import dev.parley.seeding.DemoData;
import dev.parley.testing.TestParley;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Backups in mongodump's layout: seed data, backup, wipe, restore, and every document and index is back. */
class BackupRestoreTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    @TempDir
    Path dir;

    /** Per collection: a SHA-256 over its documents in key order (audit collections apart: a restore appends to them). */
    private static Map<String, String> checksums() throws Exception {
        Map<String, String> sums = new TreeMap<>();
        for (String name : parley.store().collectionNames()) {
            if (name.startsWith("audit_")) {
                continue;
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<Document> docs = parley.store().platform(name).find(new Document()).into(new java.util.ArrayList<>());
            docs.sort(java.util.Comparator.comparing(d -> String.valueOf(d.get("_id"))));
            for (Document doc : docs) {
                sha.update(doc.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            sums.put(name + " (" + docs.size() + ")", HexFormat.of().formatHex(sha.digest()));
        }
        return sums;
    }

    private static Map<String, Set<String>> indexes() {
        Map<String, Set<String>> all = new TreeMap<>();
        for (String name : parley.store().collectionNames()) {
            Set<String> names = new TreeSet<>();
            parley.store().indexesOf(name).forEach(index -> names.add(index.getString("name")));
            all.put(name, names);
        }
        return all;
    }

    @Test
    void seedBackupWipeRestoreGivesBackEveryDocumentAndIndex() throws Exception {
        parley.get().initDb();
        Instant now = Instant.parse("2026-11-20T12:00:00Z");
        parley.get().demoData().create(new DemoData.Plan("bk-a", 6, 6, 5, 1), now);
        parley.get().demoData().create(new DemoData.Plan("bk-b", 4, 5, 5, 2), now);
        for (String tenant : List.of("bk-a", "bk-b")) { // a read writes the message counts still queued for the rollups
            parley.get().tenant(tenant).analytics().daily("messages_sent", 30, java.time.ZoneId.of("UTC"), Map.of());
        }
        Map<String, String> before = checksums();
        Map<String, Set<String>> indexesBefore = indexes();
        long auditBefore = parley.store().scoped("bk-a", "audit_logs").count(new Document());

        List<Document> written = parley.get().backup(dir, null, null, true, (c, n) -> { });
        assertThat(written).extracting(d -> d.getString("collection")).startsWith("audit_heads");
        Path database = dir.resolve(parley.store().databaseName());
        assertThat(database.resolve("messages.bson.gz")).exists();
        assertThat(database.resolve("messages.metadata.json.gz")).exists();

        parley.store().dropDatabase();
        assertThat(parley.store().collectionNames()).isEmpty();
        parley.get().restore(dir, null, false, null, (c, n) -> { });

        assertThat(checksums()).isEqualTo(before);
        assertThat(indexes()).isEqualTo(indexesBefore);
        assertThat(parley.store().scoped("bk-a", "audit_logs").count(new Document())).isEqualTo(auditBefore + 1); // + the restore
        assertThat(parley.get().tenant("bk-a").audit().verify().getBoolean("valid")).isTrue();
        assertThat(parley.get().tenant("bk-a").audit().resourceHistory(dir.getFileName().toString(), 5))
                .extracting(e -> e.getString("resource_type")).containsExactly("restore");
    }

    @Test
    void aBackupTakenWhileWritesGoOnRestoresConsistent() throws Exception {
        String tenant = "bk-live";
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        Runnable writes = () -> {
            while (!stop.get()) {
                int i = n.incrementAndGet();
                parley.get().tenant(tenant).messages().log(new Document("message_id", "live-" + i)
                        .append("conversation_id", "live-conv-" + i).append("content", "message " + i));
                parley.get().tenant(tenant).audit().log(new Document("user_id", "u").append("action", "create")
                        .append("resource_type", "message").append("resource_id", "live-" + i));
            }
        };
        Thread writer = new Thread(writes);
        writer.start();
        Thread.sleep(300);
        parley.get().backup(dir, tenant, null, false, (c, count) -> { });
        stop.set(true);
        writer.join(10_000);

        for (String collection : parley.store().collectionNames()) {
            parley.store().scoped(tenant, collection).deleteMany(new Document());
        }
        parley.get().restore(dir, tenant, false, null, (c, count) -> { });

        long messages = parley.store().scoped(tenant, "messages").count(new Document());
        assertThat(messages).isPositive();
        for (Document message : parley.store().scoped(tenant, "messages").find(new Document())) {
            assertThat(parley.store().scoped(tenant, "conversations").get(message.getString("conversation_id")))
                    .as("the conversation of " + message.getString("message_id")).isPresent();
        }
        assertThat(parley.get().tenant(tenant).audit().verify().getBoolean("valid")).isTrue();
    }

    @Test
    void aTenantBackupHoldsThatTenantOnlyAndRestoresIntoAnother() throws Exception {
        Instant now = Instant.parse("2026-11-20T12:00:00Z");
        parley.get().demoData().create(new DemoData.Plan("bk-c", 3, 4, 5, 3), now);
        parley.get().demoData().create(new DemoData.Plan("bk-d", 3, 4, 5, 4), now);
        parley.get().backup(dir, "bk-c", null, false, (c, n) -> { });

        Path messages = dir.resolve(parley.store().databaseName()).resolve("messages.bson");
        List<Document> dumped = read(messages);
        assertThat(dumped).hasSize(12 + 3).allMatch(d -> "bk-c".equals(d.getString("organization_id")));

        parley.get().tenants().create("bk-copy", null, null);
        List<Document> rows = parley.get().restore(dir, "bk-c", false, "bk-copy", (c, n) -> { }).collections();
        assertThat(rows).filteredOn(r -> r.getString("collection").equals("audit_logs"))
                .extracting(r -> r.getString("note")).containsExactly("not restored into another tenant");
        assertThat(parley.store().scoped("bk-copy", "messages").count(new Document())).isEqualTo(15);
        assertThat(parley.get().tenant("bk-copy").messages().get(dumped.get(0).getString("message_id")).getString("content"))
                .isEqualTo(dumped.get(0).getString("content"));
        assertThat(parley.get().tenant("bk-copy").audit().verify().getBoolean("valid")).isTrue();
        assertThat(parley.store().scoped("bk-d", "messages").count(new Document())).isEqualTo(15); // untouched
    }

    @Test
    void restoresADumpWrittenWithTheDriversBsonWriterAsMongodumpWould() throws Exception {
        Path database = Files.createDirectories(dir.resolve("legacy"));
        try (var out = Files.newOutputStream(database.resolve("messages.bson"))) {
            for (int i = 0; i < 3; i++) {
                Document doc = new Document("_id", "legacy-co|m" + i).append("organization_id", "legacy-co").append("message_id", "m" + i)
                        .append("conversation_id", "c").append("content", "from mongodump " + i).append("rev", 1L);
                BasicOutputBuffer buffer = new BasicOutputBuffer();
                new DocumentCodec().encode(new BsonBinaryWriter(buffer), doc, EncoderContext.builder().build());
                out.write(buffer.toByteArray());
            }
        }
        Files.writeString(database.resolve("messages.metadata.json"), "{\"indexes\":[{\"v\":2,\"key\":{\"_id\":1},\"name\":\"_id_\"}],"
                + "\"collectionName\":\"messages\",\"type\":\"collection\"}");
        parley.get().tenants().create("legacy-into", null, null);

        List<Document> rows = parley.get().restore(dir, "legacy-co", true, "legacy-into", (c, n) -> { }).collections();

        assertThat(rows).extracting(r -> r.get("inserted")).containsExactly(3L);
        assertThat(parley.get().tenant("legacy-into").messages().get("m2").getString("content")).isEqualTo("from mongodump 2");
        assertThat(parley.get().restore(dir, "legacy-co", false, "legacy-into", (c, n) -> { }).collections())
                .extracting(r -> r.get("skipped")).containsExactly(3L); // already there: left alone
    }

    private static List<Document> read(Path bson) throws Exception {
        byte[] all = Files.readAllBytes(bson);
        List<Document> docs = new java.util.ArrayList<>();
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(all).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        while (buffer.remaining() > 0) {
            int size = buffer.getInt(buffer.position());
            byte[] one = new byte[size];
            buffer.get(one);
            docs.add(new DocumentCodec().decode(new org.bson.BsonBinaryReader(java.nio.ByteBuffer.wrap(one)),
                    org.bson.codecs.DecoderContext.builder().build()));
        }
        return docs;
    }
}
