package dev.parley.bench.search;

import dev.parley.ParleyConfig;
import dev.parley.StoreAccess;
import dev.parley.bench.AbsoluteRow;
import dev.parley.bench.BenchParams;
import dev.parley.bench.ConcurrentLoad;
import dev.parley.bench.EmbeddedParley;
import dev.parley.bench.Goal;
import dev.parley.bench.LatencyRatioRow;
import dev.parley.bench.ResultRow;
import dev.parley.bench.Scenario;
import dev.parley.bench.ScenarioReport;
import dev.parley.messages.Messages;
import dev.parley.messages.SearchPage;
import dev.parley.seeding.SampleTexts;
import org.bson.Document;
import dev.parley.store.ScopedCollection;
import org.bson.conversions.Bson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.LinkedHashMap;
import java.util.regex.Pattern;
import org.bson.BsonBinaryWriter;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * Message search over 1M messages of one tenant (mixed Arabic and English, skewed vocabulary)
 * on the embedded H2 store: p50/p95 of 1-term, 2-term AND, OR and phrase queries through
 * {@code messages().search}, against what a naive implementation runs on the same data in the
 * same run: a case-insensitive {@code $regex} over {@code content}, newest first.
 */
public final class SearchScenario implements Scenario {

    private static final int MESSAGES = 1_000_000;
    private static final int QUICK_MESSAGES = 100_000;
    private static final String TENANT = "bench-search";
    private static final int LIMIT = 20;
    private static final int LOADERS = 8;
    private static final int TIMED = 300;
    private static final int WARM_UP = 60;
    private static final int BASELINE_RUNS = 3;
    private static final Instant FIRST = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration SPAN = Duration.ofDays(30);

    /** Each kind of query, a few of each (rotated, so no single posting list is measured alone). */
    private static final Map<String, List<String>> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("1 term", List.of("refund", "invoice", "tracking", "warranty", "الفاتورة", "التوصيل", "مدرسة", "شكوى"));
        QUERIES.put("2-term AND", List.of("order delivery", "refund payment", "support account", "الطلب التوصيل",
                "خدمة العملاء", "مرحبا الطلب"));
        QUERIES.put("OR", List.of("help OR support", "refund OR return", "شكوى OR تقييم", "invoice OR receipt"));
        QUERIES.put("phrase", List.of("\"order delivery\"", "\"customer service\"", "\"خدمة العملاء\"", "\"thanks please\""));
    }

    @Override
    public String name() {
        return "search";
    }

    @Override
    public String description() {
        return "message search p50/p95 (1 term, AND, OR, phrase) over 1M Arabic/English messages vs a case-insensitive"
                + " $regex scan, newest first (quick: 100k)";
    }

    @Override
    public ScenarioReport run(BenchParams params) throws Exception {
        System.err.println(name() + ":");
        int total = params.quick() ? QUICK_MESSAGES : MESSAGES;
        try (EmbeddedParley store = EmbeddedParley.open("parley-bench-search-", ParleyConfig.EmbeddedMode.H2)) {
            store.parley().initDb();
            Messages messages = store.parley().tenant(TENANT).messages();
            double loadSeconds = load(messages, total);
            System.gc();
            Thread.sleep(5_000); // H2 commits and compacts for a while after a bulk load

            List<ResultRow> rows = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            ScopedCollection raw = StoreAccess.of(store.parley()).scoped(TENANT, "messages");
            for (Map.Entry<String, List<String>> kind : QUERIES.entrySet()) {
                long[] hits = new long[1];
                double[] nanos = timeSearches(messages, kind.getValue(), hits);
                String perQuery = perQuery(kind.getValue(), nanos);
                double p50 = percentile(nanos, 50);
                double p95 = percentile(nanos, 95);
                double baseline = baseline(raw, kind.getKey(), kind.getValue());
                System.err.printf(Locale.ROOT, "  %-10s p50 %.2f ms, p95 %.2f ms; $regex %,.0f ms%n", kind.getKey(), p50, p95, baseline);
                rows.add(new AbsoluteRow("search p95, " + kind.getKey() + " @" + label(total), p95,
                        String.format(Locale.ROOT, "%.2f ms", p95), Goal.atMost(100, "ms")));
                rows.add(LatencyRatioRow.speedup("search p50 vs $regex, " + kind.getKey(), p50, baseline, Goal.atLeast(100)));
                notes.add(String.format(Locale.ROOT, "search %s: p50 per query %s; all: p50 %.2f / p95 %.2f / max %.2f ms over %d searches"
                                + " (limit %d, %.1f hits on average); $regex newest-first median of %d runs %,.0f ms",
                        kind.getKey(), perQuery, p50, p95, percentile(nanos, 100), nanos.length, LIMIT,
                        hits[0] / (double) nanos.length, BASELINE_RUNS, baseline));
            }
            notes.add(String.format(Locale.ROOT, "search: %,d messages of one tenant loaded through messages().logAll"
                    + " (batches of 1,000, %d threads, durable, index maintained in the same batch) in %.0f s: %,.0f msgs/s",
                    total, LOADERS, loadSeconds, total / loadSeconds));
            notes.add(indexSize(store));
            return new ScenarioReport(rows, notes);
        }
    }

    private static String label(int total) {
        return total >= 1_000_000 ? total / 1_000_000 + "M" : total / 1_000 + "k";
    }

    private static double load(Messages messages, int total) throws InterruptedException {
        int batches = total / Messages.MAX_BATCH;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        ConcurrentLoad.run(LOADERS, batches, () -> {
            int batch = next.getAndIncrement();
            SampleTexts texts = new SampleTexts(batch);
            List<Document> docs = new ArrayList<>(Messages.MAX_BATCH);
            for (int i = 0; i < Messages.MAX_BATCH; i++) {
                long n = (long) batch * Messages.MAX_BATCH + i;
                Instant at = FIRST.plusMillis(SPAN.toMillis() * n / total);
                docs.add(new Document("message_id", "msg-" + n).append("conversation_id", "conv-" + n % 50_000)
                        .append("direction", n % 2 == 0 ? "inbound" : "outbound").append("content", texts.next())
                        .append("created_at", Date.from(at)));
            }
            messages.logAll(docs);
            int finished = done.incrementAndGet();
            if (finished % Math.max(1, batches / 10) == 0) {
                double seconds = (System.nanoTime() - start) / 1e9;
                System.err.printf(Locale.ROOT, "  %,d of %,d messages logged in %.0f s (%,.0f msgs/s)%n",
                        (long) finished * Messages.MAX_BATCH, total, seconds, finished * (double) Messages.MAX_BATCH / seconds);
            }
        });
        return (System.nanoTime() - start) / 1e9;
    }

    private static double[] timeSearches(Messages messages, List<String> queries, long[] hits) {
        for (int i = 0; i < WARM_UP; i++) {
            messages.search(queries.get(i % queries.size()), null, LIMIT, null);
        }
        double[] nanos = new double[TIMED];
        for (int i = 0; i < TIMED; i++) {
            long start = System.nanoTime();
            SearchPage page = messages.search(queries.get(i % queries.size()), null, LIMIT, null);
            nanos[i] = System.nanoTime() - start;
            hits[0] += page.messages().size();
        }
        return nanos;
    }

    /** Each query's median (the searches rotate through the queries). */
    private static String perQuery(List<String> queries, double[] nanos) {
        StringBuilder out = new StringBuilder("[");
        for (int q = 0; q < queries.size(); q++) {
            List<Double> own = new ArrayList<>();
            for (int i = q; i < nanos.length; i += queries.size()) {
                own.add(nanos[i]);
            }
            double[] values = own.stream().mapToDouble(Double::doubleValue).toArray();
            out.append(q == 0 ? "" : ", ").append(queries.get(q)).append(String.format(Locale.ROOT, " %.2f ms", percentile(values, 50)));
        }
        return out.append(']').toString();
    }

    /** Median of a few runs of the naive query for the kind's first query. */
    private static double baseline(ScopedCollection raw, String kind, List<String> queries) {
        String query = queries.get(0);
        Bson filter = switch (kind) {
            case "2-term AND" -> new Document("$and", Arrays.stream(query.split(" ")).map(SearchScenario::regex).toList());
            case "OR" -> new Document("$or", Arrays.stream(query.split(" OR ")).map(SearchScenario::regex).toList());
            default -> regex(query.replace("\"", ""));
        };
        Document scoped = new Document("$and", List.of(filter));
        double[] millis = new double[BASELINE_RUNS];
        for (int i = 0; i < BASELINE_RUNS; i++) {
            long start = System.nanoTime();
            List<Document> found = raw.find(scoped).sort(new Document("created_at", -1)).limit(LIMIT).into(new ArrayList<>());
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (found.isEmpty()) {
                System.err.println("  warning: the baseline found nothing for " + query);
            }
        }
        Arrays.sort(millis);
        return millis[BASELINE_RUNS / 2];
    }

    private static Document regex(String text) {
        return new Document("content", new Document("$regex", Pattern.quote(text)).append("$options", "i"));
    }

    private static double percentile(double[] nanos, double p) {
        double[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /** BSON bytes and documents of the index collections against the messages they cover. */
    private static String indexSize(EmbeddedParley store) {
        long[] messages = size(store, "messages");
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "search index size: messages %,d docs %,.0f MB",
                messages[0], messages[1] / 1e6));
        long indexBytes = 0;
        for (String collection : List.of("search_postings", "search_terms", "search_refs")) {
            long[] s = size(store, collection);
            indexBytes += s[1];
            out.append(String.format(Locale.ROOT, "; %s %,d docs %,.0f MB", collection, s[0], s[1] / 1e6));
        }
        return out.append(String.format(Locale.ROOT, "; index / messages = %.2f (BSON bytes)",
                indexBytes / (double) messages[1])).toString();
    }

    private static long[] size(EmbeddedParley store, String collection) {
        long docs = 0;
        long bytes = 0;
        DocumentCodec codec = new DocumentCodec();
        for (Document doc : StoreAccess.of(store.parley()).scoped(TENANT, collection).find(new Document()).batchSize(5_000)) {
            docs++;
            BasicOutputBuffer buffer = new BasicOutputBuffer();
            codec.encode(new BsonBinaryWriter(buffer), doc, EncoderContext.builder().build());
            bytes += buffer.getSize();
        }
        return new long[] {docs, bytes};
    }
}
