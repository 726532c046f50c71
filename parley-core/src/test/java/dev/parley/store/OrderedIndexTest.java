package dev.parley.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import static dev.parley.store.TypedH2BackendTest.withServer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded H2 server's ordered secondary indexes ({@link OrderedIndex}, {@link OrderedIndexQuery}):
 * every query they serve answers what a scan answers, in the asked order, through inserts,
 * updates, deletes and a restart.
 */
class OrderedIndexTest {

    private static final List<String> STATUSES = List.of("sent", "delivered", "read", "failed");
    private static final long BASE = 1_750_000_000_000L;

    @TempDir
    Path dir;

    private final Random random = new Random(42);
    private final List<Document> stored = new ArrayList<>();

    @Test
    void statusListsAndUpdatedSinceAnswerWhatAScanAnswers() {
        String file = dir.resolve("ordered.mv.db").toString();
        TypedH2Backend backend = new TypedH2Backend(file, 64);
        withServer(backend, c -> {
            c.createIndex(new Document("organization_id", 1).append("status", 1).append("latest_timestamp", -1),
                    new IndexOptions().name("organization_id_status_latest_timestamp"));
            c.createIndex(new Document("organization_id", 1).append("last_updated_at", 1),
                    new IndexOptions().name("organization_id_last_updated_at"));
            c.createIndex(new Document("organization_id", 1).append("message_type", 1),
                    new IndexOptions().name("organization_id_message_type"));
            for (int i = 0; i < 3_000; i++) {
                stored.add(message(i));
            }
            c.insertMany(stored);
            checkQueries(c);
            for (int i = 0; i < 600; i++) { // statuses move, times change, some leave the lists
                Document moved = stored.get(random.nextInt(stored.size()));
                Document change = new Document("status", STATUSES.get(random.nextInt(STATUSES.size())))
                        .append("latest_timestamp", new Date(BASE + random.nextInt(500) * 1_000L))
                        .append("last_updated_at", new Date(BASE + 600_000 + i));
                moved.putAll(change);
                c.updateOne(new Document("_id", moved.get("_id")), new Document("$set", change));
            }
            for (int i = 0; i < 200; i++) {
                Document gone = stored.remove(random.nextInt(stored.size()));
                c.deleteOne(new Document("_id", gone.get("_id")));
            }
            Document noStatus = stored.get(7);
            noStatus.remove("status");
            c.updateOne(new Document("_id", noStatus.get("_id")), new Document("$unset", new Document("status", "")));
            checkQueries(c);
            Set<String> maps = backend.getMvStore().getMapNames(); // built: the two named in OrderedIndex.BUILT only
            assertThat(maps).anyMatch(name -> name.endsWith("._vindex_organization_id_status_latest_timestamp"))
                    .anyMatch(name -> name.endsWith("._vindex_organization_id_last_updated_at"))
                    .noneMatch(name -> name.contains("organization_id_message_type"));
        });
        withServer(new TypedH2Backend(file, 64), this::checkQueries); // kept across a restart
    }

    @Test
    void anIndexDeclaredOnExistingDocumentsIsBuiltFromThem() {
        withServer(new TypedH2Backend(dir.resolve("late.mv.db").toString(), 64), c -> {
            for (int i = 0; i < 500; i++) {
                stored.add(message(i));
            }
            c.insertMany(stored);
            c.createIndex(new Document("organization_id", 1).append("status", 1).append("latest_timestamp", -1),
                    new IndexOptions().name("organization_id_status_latest_timestamp"));
            checkQueries(c);
        });
    }

    private Document message(int i) {
        String tenant = "t" + (i % 3);
        Document doc = new Document("_id", tenant + "|m" + i).append("organization_id", tenant)
                .append("message_type", "text");
        if (i % 11 != 0) { // some messages have no status
            doc.append("status", STATUSES.get(random.nextInt(STATUSES.size())))
                    .append("latest_timestamp", new Date(BASE + random.nextInt(500) * 1_000L)) // many ties
                    .append("last_updated_at", new Date(BASE + random.nextInt(600_000)));
        }
        return doc;
    }

    private void checkQueries(MongoCollection<Document> c) {
        Date middle = new Date(BASE + 250_000);
        Document inUnread = new Document("$in", List.of("sent", "delivered"));
        Document unread = new Document("status", inUnread);
        same(c, new Document("organization_id", "t1").append("status", "read"), byTime(-1), 20);
        same(c, new Document("organization_id", "t1").append("status", "read"), byTime(1), 0);
        same(c, new Document("organization_id", "t2").append("status", inUnread), byTime(-1), 100);
        same(c, new Document("organization_id", "t0").append("status", inUnread)
                .append("latest_timestamp", new Document("$lte", middle)), byTime(-1), 50);
        same(c, new Document("organization_id", "t0").append("status", new Document("$in", List.of("read", "failed", "sent")))
                .append("latest_timestamp", new Document("$gt", middle).append("$lt", new Date(BASE + 400_000))), byTime(1), 70);
        same(c, new Document("organization_id", "t2").append("$and", List.of(unread)), byTime(-1), 30); // a tenant-scoped filter's shape
        same(c, new Document("organization_id", "t1").append("status", "sent")
                .append("latest_timestamp", middle), byTime(-1), 0); // ties at one time
        same(c, new Document("organization_id", "t0").append("last_updated_at", new Document("$gte", new Date(BASE + 300_000))),
                new Document("last_updated_at", 1).append("_id", 1), 40);
        same(c, new Document("organization_id", "t0").append("last_updated_at", new Document("$gte", new Date(BASE + 300_000))),
                null, 0);
    }

    private static Document byTime(int direction) {
        return new Document("latest_timestamp", direction).append("_id", direction);
    }

    /** The store's answer equals the documents filtered and sorted here. */
    private void same(MongoCollection<Document> c, Document filter, Document sort, int limit) {
        var found = c.find(filter);
        if (sort != null) {
            found = found.sort(sort);
        }
        List<Object> ids = found.limit(limit).map(d -> d.get("_id")).into(new ArrayList<>());
        List<Document> expected = stored.stream().filter(matches(filter)).sorted(order(sort)).toList();
        List<Object> expectedIds = expected.stream().limit(limit == 0 ? Long.MAX_VALUE : limit).map(d -> d.get("_id")).toList();
        if (sort == null) {
            assertThat(ids).as(filter.toJson()).containsExactlyInAnyOrderElementsOf(expectedIds);
        } else {
            assertThat(ids).as(filter.toJson()).containsExactlyElementsOf(expectedIds);
        }
    }

    @SuppressWarnings("unchecked")
    private static Predicate<Document> matches(Document filter) {
        Predicate<Document> all = d -> true;
        for (var condition : filter.entrySet()) {
            String field = condition.getKey();
            Object value = condition.getValue();
            if (field.equals("$and")) {
                for (Document part : (List<Document>) value) {
                    all = all.and(matches(part));
                }
            } else if (value instanceof Document ops) {
                for (var op : ops.entrySet()) {
                    all = all.and(d -> compares(d.get(field), op.getKey(), op.getValue()));
                }
            } else {
                all = all.and(d -> value.equals(d.get(field)));
            }
        }
        return all;
    }

    private static boolean compares(Object actual, String op, Object bound) {
        if (op.equals("$in")) {
            return actual != null && ((List<?>) bound).contains(actual);
        }
        if (!(actual instanceof Date date)) {
            return false;
        }
        int c = date.compareTo((Date) bound);
        return switch (op) {
            case "$gt" -> c > 0;
            case "$gte" -> c >= 0;
            case "$lt" -> c < 0;
            case "$lte" -> c <= 0;
            default -> throw new IllegalArgumentException(op);
        };
    }

    private static Comparator<Document> order(Document sort) {
        Comparator<Document> order = (a, b) -> 0;
        if (sort == null) {
            return order;
        }
        for (var key : sort.entrySet()) {
            Comparator<Document> byField = Comparator.comparing(d -> (Comparable<Object>) d.get(key.getKey()));
            order = order.thenComparing(((Number) key.getValue()).intValue() < 0 ? byField.reversed() : byField);
        }
        return order;
    }
}
