package dev.parley.bench.audit;

import com.mongodb.client.MongoCollection;
import dev.parley.ParleyConfig;
import dev.parley.TenantScope;
import dev.parley.bench.AbsoluteRow;
import dev.parley.bench.BenchParams;
import dev.parley.bench.ConcurrentLoad;
import dev.parley.bench.EmbeddedParley;
import dev.parley.bench.Goal;
import dev.parley.bench.ResultRow;
import dev.parley.bench.Scenario;
import dev.parley.bench.ScenarioReport;
import dev.parley.bench.StandaloneH2;
import dev.parley.bench.Throughput;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * The audit log's hash chain: appends/s of one tenant from concurrent clients (durable, chained)
 * against plain unchained {@code insertOne} per request on the same kind of store, and the time
 * to verify a chain of 1M entries.
 */
public final class AuditScenario implements Scenario {

    private static final int CHAIN = 1_000_000;
    private static final int QUICK_CHAIN = 100_000;
    private static final String TENANT = "bench-audit";
    private static final int BATCH = 100;
    private static final int WARM_UP_CHAIN = 50_000;

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String description() {
        return "audit hash chain: durable chained appends/s (batches of 100, and one per call) vs insertOne per request;"
                + " verify a 1M-entry chain (quick 100k)";
    }

    @Override
    public ScenarioReport run(BenchParams params) throws Exception {
        System.err.println(name() + ":");
        int chain = params.quick() ? QUICK_CHAIN : CHAIN;
        try (EmbeddedParley store = EmbeddedParley.open("parley-bench-audit-", ParleyConfig.EmbeddedMode.H2);
             StandaloneH2 naiveStore = new StandaloneH2("audit-naive")) {
            store.parley().initDb();
            TenantScope tenant = store.parley().tenant(TENANT);
            MongoCollection<Document> naive = naiveStore.collection("audit_logs");
            AtomicLong n = new AtomicLong();
            ConcurrentLoad.run(params.clients(), params.warmupDocs(), () -> tenant.audit().log(entry(n.incrementAndGet())));
            ConcurrentLoad.run(params.clients(), params.warmupDocs(), () -> naive.insertOne(entry(n.incrementAndGet())));

            Throughput chained = ConcurrentLoad.run(params.clients(), params.docs(), () -> tenant.audit().log(entry(n.incrementAndGet())));
            System.err.printf(Locale.ROOT, "  chained appends  %s%n", chained.format("appends"));
            int batches = Math.max(1, params.docs() / BATCH);
            Throughput batchCalls = ConcurrentLoad.run(params.clients(), batches, () -> tenant.audit().logAll(batch(n)));
            Throughput batched = new Throughput(batchCalls.docs() * BATCH, batchCalls.nanos());
            System.err.printf(Locale.ROOT, "  batched appends  %s%n", batched.format("appends"));
            Throughput plain = ConcurrentLoad.run(params.clients(), params.docs(), () -> naive.insertOne(entry(n.incrementAndGet())));
            System.err.printf(Locale.ROOT, "  insertOne        %s%n", plain.format("inserts"));

            long loadStart = System.nanoTime();
            long have = params.docs() + params.warmupDocs();
            have += (long) batches * BATCH;
            ConcurrentLoad.run(params.clients(), (int) Math.max(0, (chain - have) / BATCH), () -> tenant.audit().logAll(batch(n)));
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            System.err.printf(Locale.ROOT, "  chain of %,d entries ready (%.0f s); verifying ...%n", chain, loadSeconds);
            warmUpVerification(store.parley().tenant(TENANT + "-warm-up"), n);
            long verifyStart = System.nanoTime();
            long cpuStart = processCpuNanos();
            Document report = tenant.audit().verify();
            double verifySeconds = (System.nanoTime() - verifyStart) / 1e9;
            double verifyCpuSeconds = (processCpuNanos() - cpuStart) / 1e9;

            List<ResultRow> rows = List.of(
                    new AbsoluteRow("audit chained appends/s, batches of " + BATCH + " (durable, one tenant)", batched.docsPerSecond(),
                            batched.format("appends"), Goal.atLeast(10_000, "appends/s")),
                    new AbsoluteRow("audit chained appends/s, one entry per call (durable, one tenant)", chained.docsPerSecond(),
                            chained.format("appends"), Goal.atLeast(0, "appends/s")),
                    new AbsoluteRow(String.format(Locale.ROOT, "audit verify %,d entries", report.getLong("checked")),
                            verifySeconds, String.format(Locale.ROOT, "%.1f s", verifySeconds), Goal.atMost(10, "s")));
            List<String> notes = new ArrayList<>();
            notes.add(String.format(Locale.ROOT, "audit: chained appends %.0f/s vs insertOne per request (no chain, not durable)"
                            + " %.0f/s: ratio %.2fx; %d client threads; %,d warm-up appends per path",
                    chained.docsPerSecond(), plain.docsPerSecond(), chained.docsPerSecond() / plain.docsPerSecond(),
                    params.clients(), params.warmupDocs()));
            notes.add(String.format(Locale.ROOT, "audit: verify reported valid=%s, checked %,d of %,d entries; loading the chain"
                    + " took %.0f s; verify used %.1f s of CPU (all threads, GC included) in %.1f s", report.getBoolean("valid"),
                    report.getLong("checked"), report.getLong("entries"), loadSeconds, verifyCpuSeconds, verifySeconds));
            return new ScenarioReport(rows, notes);
        }
    }

    /** CPU time of the whole process (every thread, the collector's too), to tell CPU-bound from waiting. */
    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Like the append paths, verification is measured warm: its code compiled on a small chain of
     * another tenant, and the garbage the bulk load left collected, so that the figure is the
     * walk itself rather than the JIT and a GC cycle the load started.
     */
    private static void warmUpVerification(TenantScope other, AtomicLong n) {
        for (int i = 0; i < WARM_UP_CHAIN / BATCH; i++) {
            other.audit().logAll(batch(n));
        }
        for (int i = 0; i < 3; i++) {
            other.audit().verify();
        }
        System.gc();
    }

    private static List<Document> batch(AtomicLong n) {
        List<Document> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(entry(n.incrementAndGet()));
        }
        return batch;
    }

    private static Document entry(long n) {
        return new Document("user_id", "user-" + n % 50).append("action", n % 5 == 0 ? "update" : "view")
                .append("resource_type", "campaign").append("resource_id", "campaign-" + n % 1_000)
                .append("changes", new Document("before", new Document("status", "draft")).append("after", new Document("status", "sent")))
                .append("ip_address", "192.168.1." + n % 250);
    }
}
