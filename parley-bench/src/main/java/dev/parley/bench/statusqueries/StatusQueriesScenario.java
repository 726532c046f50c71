package dev.parley.bench.statusqueries;

import dev.parley.ParleyConfig;
import dev.parley.StoreAccess;
import dev.parley.bench.AbsoluteRow;
import dev.parley.bench.BenchParams;
import dev.parley.bench.EmbeddedParley;
import dev.parley.bench.Goal;
import dev.parley.bench.LatencyRatioRow;
import dev.parley.bench.ResultRow;
import dev.parley.bench.Scenario;
import dev.parley.bench.ScenarioReport;
import dev.parley.messages.Messages;
import dev.parley.messages.StatusListPage;
import dev.parley.messages.StatusQuery;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Seed 002's two slow queries at 1M messages of one tenant in 1,000 conversations (embedded H2):
 * the status list ({@code status=sent,delivered}, {@code read}, {@code failed}; first pages and
 * pages after a cursor, 100 each) and the counts by conversation and status, served by the
 * embedded server's ordered indexes, against the scans they replace in the same run (the same
 * find-sort-limit and {@code $group}, in a form no ordered index serves, which is how
 * mongo-java-server answers every query on a non-unique index); and what keeping the indexes
 * costs ingest.
 */
public final class StatusQueriesScenario implements Scenario {

    static final int MESSAGES = 1_000_000;
    static final int CONVERSATIONS = 1_000;
    static final int QUICK_MESSAGES = 100_000;
    static final int QUICK_CONVERSATIONS = 100;
    private static final String TENANT = "bench-status";
    private static final List<Set<String>> LISTS = List.of(Set.of("sent", "delivered"), Set.of("read"), Set.of("failed"));

    @Override
    public String name() {
        return "status-queries";
    }

    @Override
    public String description() {
        return "p99 of status lists and counts at 1M messages / 1,000 conversations vs the scans they replace;"
                + " ingest cost of keeping them (quick: 100k / 100)";
    }

    @Override
    public ScenarioReport run(BenchParams params) throws Exception {
        System.err.println(name() + ":");
        int total = params.quick() ? QUICK_MESSAGES : MESSAGES;
        int conversations = params.quick() ? QUICK_CONVERSATIONS : CONVERSATIONS;
        List<String> notes = new ArrayList<>();
        List<ResultRow> rows = new ArrayList<>();
        try (EmbeddedParley store = EmbeddedParley.open("status-queries", ParleyConfig.EmbeddedMode.H2)) {
            store.parley().initDb(); // as the server does at start-up: the ordered indexes
            store.parley().tenants().create(TENANT, null, null);
            Messages messages = store.parley().tenant(TENANT).messages();
            ScopedCollection raw = StoreAccess.of(store.parley()).scoped(TENANT, "messages");
            long loadNanos = StatusDataLoader.load(raw, total, conversations);
            notes.add(String.format(Locale.ROOT, "status-queries: %,d messages in %,d conversations of one tenant stored"
                    + " (durable insertMany, %d threads, ordered indexes kept as they arrive) in %.1f s (%,.0f msgs/s)",
                    total, conversations, StatusDataLoader.THREADS, loadNanos / 1e9, total / (loadNanos / 1e9)));
            System.gc();
            Thread.sleep(5_000); // H2 settles after a bulk load
            int samples = params.quick() ? 200 : 500;
            int scans = 3;

            double[] list = timeLists(messages, samples);
            double[] listScan = time(scans, () -> scanList(raw, Set.of("sent", "delivered")));
            double[] counts = time(samples, () -> messages.statusCounts(List.of("conversation_id", "status")));
            double[] countScan = time(scans, () -> scanCounts(raw));
            checkSame(messages, raw, notes);

            rows.add(new AbsoluteRow("status list p99 (100 a page)", p(list, 99), ms(p(list, 99)), Goal.atMost(20, "ms")));
            rows.add(LatencyRatioRow.speedup("status list vs scan (scan median / list p99)", p(list, 99), p(listScan, 50),
                    Goal.atLeast(100)));
            rows.add(new AbsoluteRow("status counts p99", p(counts, 99), ms(p(counts, 99)), Goal.atMost(20, "ms")));
            rows.add(LatencyRatioRow.speedup("status counts vs scan (scan median / counts p99)", p(counts, 99),
                    p(countScan, 50), Goal.atLeast(100)));
            notes.add(String.format(Locale.ROOT, "status-queries: list p50 %.2f / p99 %.2f / max %.2f ms over %,d pages"
                            + " (sent+delivered, read, failed; first pages and up to 4 cursor pages); scan %s ms",
                    p(list, 50), p(list, 99), p(list, 100), list.length, format(listScan)));
            notes.add(String.format(Locale.ROOT, "status-queries: counts p50 %.2f / p99 %.2f ms over %,d calls; scan %s ms",
                    p(counts, 50), p(counts, 99), counts.length, format(countScan)));
        }
        try (IngestCost cost = new IngestCost()) {
            int rounds = params.quick() ? 3 : 5;
            cost.run(rounds, params.quick() ? 5_000 : 10_000);
            rows.add(new AbsoluteRow("ingest cost of keeping the indexes", cost.costPercent(),
                    String.format(Locale.ROOT, "%.1f %%", cost.costPercent()), Goal.atMost(15, "%")));
            notes.add(cost.note());
        }
        return new ScenarioReport(rows, notes);
    }

    /** First pages of each list, then pages after the cursor, round-robin. */
    private static double[] timeLists(Messages messages, int samples) {
        List<Double> millis = new ArrayList<>();
        for (int warm = 0; warm < 300; warm++) { // the JIT settles
            messages.statusPage(new StatusQuery(null, LISTS.get(warm % LISTS.size()), null, 100), null);
            messages.statusCounts(List.of("conversation_id", "status"));
        }
        int i = 0;
        while (millis.size() < samples) {
            Set<String> statuses = LISTS.get(i++ % LISTS.size());
            String cursor = null;
            for (int page = 0; page < 5 && millis.size() < samples; page++) {
                long start = System.nanoTime();
                StatusListPage found = messages.statusPage(new StatusQuery(null, statuses, null, 100), cursor);
                millis.add((System.nanoTime() - start) / 1e6);
                if (found.messages().size() != 100) {
                    throw new IllegalStateException("a status page held " + found.messages().size() + " messages");
                }
                cursor = found.nextCursor();
            }
        }
        return millis.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * {@code status=sent,delivered&limit=100} as the stock server answers it: the filter inside an
     * {@code $or}, which no ordered index serves, so every message of the collection is read.
     */
    private static List<Document> scanList(ScopedCollection raw, Set<String> statuses) {
        List<Document> found = new ArrayList<>();
        raw.find(new Document("$or", List.of(new Document("status", new Document("$in", new ArrayList<>(statuses))))))
                .sort(new Document("latest_timestamp", -1)).limit(100).forEach(found::add);
        return found;
    }

    /** {@code group_by=conversation_id,status} as the stock server answers it: a {@code $project} first, so its aggregation reads every message. */
    private static List<Document> scanCounts(ScopedCollection raw) {
        List<Document> rows = new ArrayList<>();
        raw.aggregate(List.of(new Document("$match", new Document("status", new Document("$exists", true))),
                new Document("$project", new Document("conversation_id", 1).append("status", 1)),
                new Document("$group", new Document("_id", new Document("conversation_id", "$conversation_id")
                        .append("status", "$status")).append("count", new Document("$sum", 1))),
                new Document("$sort", new Document("_id.conversation_id", 1).append("_id.status", 1)))).forEach(rows::add);
        return rows;
    }

    /** The index answers what the scans answer (first page of sent+delivered; every count). */
    private static void checkSame(Messages messages, ScopedCollection raw, List<String> notes) {
        List<String> indexed = messages.statuses(new StatusQuery(null, Set.of("sent", "delivered"), null, 100)).stream()
                .map(d -> d.getString("message_id")).toList();
        List<String> scanned = scanList(raw, Set.of("sent", "delivered")).stream().map(d -> d.getString("message_id")).toList();
        List<Document> counted = messages.statusCounts(List.of("conversation_id", "status"));
        List<Document> grouped = scanCounts(raw);
        boolean countsSame = counted.size() == grouped.size();
        for (int i = 0; countsSame && i < counted.size(); i++) {
            Document id = grouped.get(i).get("_id", Document.class);
            countsSame = id.get("conversation_id").equals(counted.get(i).get("conversation_id"))
                    && id.get("status").equals(counted.get(i).get("status"))
                    && ((Number) grouped.get(i).get("count")).longValue() == ((Number) counted.get(i).get("count")).longValue();
        }
        if (!indexed.equals(scanned) || !countsSame) {
            throw new IllegalStateException("the ordered indexes disagree with the scan: list " + indexed.equals(scanned)
                    + ", counts " + countsSame);
        }
        notes.add("status-queries: the first sent+delivered page and all " + counted.size()
                + " count rows equal the scans' answers");
    }

    private interface Call {
        Object call();
    }

    private static double[] time(int samples, Call call) {
        call.call();
        double[] millis = new double[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            call.call();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return millis;
    }

    private static double p(double[] millis, double percentile) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        int at = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, at))];
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.2f ms", millis);
    }

    private static String format(double[] millis) {
        return Arrays.stream(millis).mapToObj(m -> String.format(Locale.ROOT, "%,.0f", m)).toList().toString();
    }
}
